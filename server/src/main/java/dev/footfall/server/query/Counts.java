package dev.footfall.server.query;

/**
 * The additive counters behind every metric, for one cell of a report (a dimension value in a
 * time bucket, or a sum of such cells). Visitors are the bucket's distinct visitors, so summing
 * day cells gives the sum of daily distinct visitors, which is what day-or-longer ranges report.
 * Mutable on purpose: reports fold thousands of cells, and an accumulator allocates once.
 */
final class Counts {
    /** Distinct visitors of the cell's bucket, or a sum of those. */
    long visitors;
    long pageviews;
    /** Pageviews plus custom events. */
    long events;
    long visits;
    long bounces;
    long visitDurationMs;
    long visitPageviews;
    long engagementMs;

    void add(Counts o) {
        visitors += o.visitors;
        pageviews += o.pageviews;
        events += o.events;
        visits += o.visits;
        bounces += o.bounces;
        visitDurationMs += o.visitDurationMs;
        visitPageviews += o.visitPageviews;
        engagementMs += o.engagementMs;
    }

    boolean isEmpty() {
        return visitors == 0 && pageviews == 0 && events == 0 && visits == 0 && engagementMs == 0;
    }
}
