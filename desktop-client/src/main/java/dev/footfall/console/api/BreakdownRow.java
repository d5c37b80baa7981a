package dev.footfall.console.api;

import java.util.Map;

/**
 * One breakdown row: the property's value (a region's ISO 3166-2 code, a city's GeoNames id), the
 * name the server sent beside it ({@code region_name}, {@code city_name}; "" for properties whose
 * value is its own label) and its metrics by API name.
 */
public record BreakdownRow(String value, String name, Map<String, Double> metrics) {
    public BreakdownRow {
        name = name == null ? "" : name;
        metrics = Map.copyOf(metrics);
    }

    public double metric(String apiName) {
        return metrics.getOrDefault(apiName, 0.0);
    }
}
