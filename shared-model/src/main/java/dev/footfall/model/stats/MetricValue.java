package dev.footfall.model.stats;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One aggregate number and, with {@code compare=previous_period}, its change against the
 * previous period: percent for counts and durations, percentage points for bounce rate.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricValue(Number value, Double change) {
}
