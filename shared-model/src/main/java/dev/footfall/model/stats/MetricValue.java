package dev.footfall.model.stats;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One aggregate number and, with {@code compare=previous_period}, its change against the
 * previous period: percent for counts and durations, percentage points for bounce rate and
 * conversion rate. {@code value} is a number, or a {@link RevenueValue} for revenue metrics
 * ({@code null} when there is none to show).
 */
public record MetricValue(Object value, @JsonInclude(JsonInclude.Include.NON_NULL) Double change) {
}
