package dev.footfall.model.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * {@code GET /api/v1/stats/aggregate}: metric name → value, in the requested order; {@code warnings}
 * names the metrics that have no value and why (revenue in several currencies), absent when empty.
 */
public record AggregateResult(Map<String, MetricValue> results,
                              @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> warnings) {
    public AggregateResult {
        warnings = warnings == null ? Map.of() : Map.copyOf(warnings);
    }

    public AggregateResult(Map<String, MetricValue> results) {
        this(results, Map.of());
    }
}
