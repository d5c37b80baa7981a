package dev.footfall.model.stats;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/stats/timeseries} and {@code breakdown}: rows of a label column
 * ({@code date}, or the property's key such as {@code page}) followed by the metrics, in
 * request order. Rows are plain maps so any metric set keeps Plausible's flat JSON shape.
 */
public record RowsResult(List<Map<String, Object>> results) {
    public RowsResult {
        results = List.copyOf(results);
    }
}
