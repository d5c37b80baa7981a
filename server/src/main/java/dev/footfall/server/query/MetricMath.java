package dev.footfall.server.query;

import dev.footfall.model.stats.Metric;

/**
 * Metric values from {@link Counts}, and their change against a previous period. Ratios over
 * zero visits or pageviews are 0, not NaN, so JSON and CSV stay numeric.
 */
final class MetricMath {
    private MetricMath() {
    }

    static Number value(Metric metric, Counts c) {
        return switch (metric) {
            case VISITORS -> c.visitors;
            case VISITS -> c.visits;
            case PAGEVIEWS -> c.pageviews;
            case EVENTS -> c.events;
            case VIEWS_PER_VISIT -> c.visits == 0 ? 0.0 : Math.round(100.0 * c.visitPageviews / c.visits) / 100.0;
            case BOUNCE_RATE -> c.visits == 0 ? 0L : Math.round(100.0 * c.bounces / c.visits);
            case VISIT_DURATION -> c.visits == 0 ? 0L : Math.round(c.visitDurationMs / 1000.0 / c.visits);
            case TIME_ON_PAGE -> c.pageviews == 0 ? 0L : Math.round(c.engagementMs / 1000.0 / c.pageviews);
            case CONVERSION_RATE, GROUP_CONVERSION_RATE, TOTAL_REVENUE, AVERAGE_REVENUE ->
                    throw new IllegalArgumentException(metric.wireName() + " is a goal metric (GoalReports)");
        };
    }

    /** Percent change (one decimal); bounce and conversion rates change in percentage points. 100 from zero, 0 for zero to zero. */
    static Double change(Metric metric, Number now, Number before) {
        double a = now.doubleValue();
        double b = before.doubleValue();
        if (metric == Metric.BOUNCE_RATE || metric == Metric.CONVERSION_RATE || metric == Metric.GROUP_CONVERSION_RATE) {
            return Math.round((a - b) * 10.0) / 10.0;
        }
        if (b == 0) {
            return a == 0 ? 0.0 : 100.0;
        }
        return Math.round((a - b) / b * 1000.0) / 10.0;
    }
}
