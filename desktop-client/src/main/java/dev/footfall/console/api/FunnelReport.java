package dev.footfall.console.api;

import java.util.List;

/**
 * A funnel's report as {@code /api/v1/stats/funnel} answers it: visitors who entered (reached
 * step 1) and their share of all visitors, each step's numbers, and the previous period's report
 * ({@code null} inside the previous one).
 */
public record FunnelReport(long entering, double enteringPercentage, List<Step> steps, FunnelReport previous) {
    public FunnelReport {
        steps = List.copyOf(steps);
    }

    /** One step: visitors who reached it, the drop-off from the previous step, the conversion against step 1 and the previous one. */
    public record Step(String goal, long visitors, long dropoff, double dropoffPercentage, double conversionRate,
                       double conversionRateStep) {
    }
}
