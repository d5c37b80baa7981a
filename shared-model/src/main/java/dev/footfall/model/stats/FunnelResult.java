package dev.footfall.model.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code GET /api/v1/stats/funnel}: a funnel over a date range, named as in Plausible's funnel
 * report. {@code allVisitors} are the range's visitors under the same filters (as the aggregate
 * counts them), {@code enteringVisitors} those who reached step 1; percentages are of
 * {@code allVisitors}, rounded to 0.1. {@code comparison} is the previous period's report with
 * {@code compare=previous_period}, else absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FunnelResult(
        @JsonProperty("funnel_id") int funnelId,
        @JsonProperty("name") String name,
        @JsonProperty("all_visitors") long allVisitors,
        @JsonProperty("entering_visitors") long enteringVisitors,
        @JsonProperty("entering_visitors_percentage") double enteringVisitorsPercentage,
        @JsonProperty("never_entering_visitors") long neverEnteringVisitors,
        @JsonProperty("never_entering_visitors_percentage") double neverEnteringVisitorsPercentage,
        @JsonProperty("steps") List<FunnelStep> steps,
        @JsonProperty("comparison") FunnelResult comparison) {

    public FunnelResult {
        steps = List.copyOf(steps);
    }

    /**
     * One step: {@code visitors} reached it (and every step before it, in order, within one
     * visit); {@code dropoff} is how many of the previous step's did not, with its percentage of
     * them; {@code conversionRate} is against step 1, {@code conversionRateStep} against the
     * previous step (100 for step 1 when anyone entered). {@code totalRevenue} sums, per currency,
     * the revenue of the events that satisfied the step, present only when some did carry revenue.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FunnelStep(
            @JsonProperty("step") int step,
            @JsonProperty("goal_id") int goalId,
            @JsonProperty("goal") String goal,
            @JsonProperty("visitors") long visitors,
            @JsonProperty("dropoff") long dropoff,
            @JsonProperty("dropoff_percentage") double dropoffPercentage,
            @JsonProperty("conversion_rate") double conversionRate,
            @JsonProperty("conversion_rate_step") double conversionRateStep,
            @JsonProperty("total_revenue") List<RevenueValue> totalRevenue) {
    }
}
