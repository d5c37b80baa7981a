package dev.footfall.model.stats;

import java.util.Map;

/** {@code GET /api/v1/stats/aggregate}: metric name → value, in the requested order. */
public record AggregateResult(Map<String, MetricValue> results) {
}
