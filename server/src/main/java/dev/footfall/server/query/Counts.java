package dev.footfall.server.query;

import java.sql.ResultSet;
import java.sql.SQLException;

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

    /** Adds the event counters a read selects in columns {@code first} to {@code first + 3}: visitors, pageviews, events, engagement ms. */
    void addEvents(ResultSet rs, int first) throws SQLException {
        visitors += rs.getLong(first);
        pageviews += rs.getLong(first + 1);
        events += rs.getLong(first + 2);
        engagementMs += rs.getLong(first + 3);
    }

    /** Adds the visit counters a read selects in columns {@code first} to {@code first + 3}: visits, bounces, duration ms, pageviews. */
    void addVisits(ResultSet rs, int first) throws SQLException {
        visits += rs.getLong(first);
        bounces += rs.getLong(first + 1);
        visitDurationMs += rs.getLong(first + 2);
        visitPageviews += rs.getLong(first + 3);
    }

    boolean isEmpty() {
        return visitors == 0 && pageviews == 0 && events == 0 && visits == 0 && engagementMs == 0;
    }
}
