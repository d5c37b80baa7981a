package dev.footfall.model.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/stats/timeseries} and {@code breakdown}: rows of a label column
 * ({@code date}, or the property's key such as {@code page}) followed by the metrics, in
 * request order. Rows are plain maps so any metric set keeps Plausible's flat JSON shape.
 * {@code warnings} names metrics left without a value and why, absent when empty.
 */
public record RowsResult(List<Map<String, Object>> results,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> warnings) {
    public RowsResult {
        results = List.copyOf(results);
        warnings = warnings == null ? Map.of() : Map.copyOf(warnings);
    }

    public RowsResult(List<Map<String, Object>> results) {
        this(results, Map.of());
    }
}
