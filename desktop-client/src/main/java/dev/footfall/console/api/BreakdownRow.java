package dev.footfall.console.api;

import java.util.Map;

/** One breakdown row: the property's value and its metrics by API name. */
public record BreakdownRow(String value, Map<String, Double> metrics) {
    public BreakdownRow {
        metrics = Map.copyOf(metrics);
    }

    public double metric(String apiName) {
        return metrics.getOrDefault(apiName, 0.0);
    }
}
