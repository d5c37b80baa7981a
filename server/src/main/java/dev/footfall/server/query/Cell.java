package dev.footfall.server.query;

/**
 * One cell of a report read from storage: a group (a dimension value id, a raw text value, or
 * 0 for the site total) in a time bucket (a site-local hour or day number, or 0 when the query
 * did not ask for time buckets).
 */
record Cell(Object group, int bucket) {
    /** Time resolution of the cells a reader returns. */
    enum Grain {
        HOUR(3_600_000L), DAY(86_400_000L);

        final long unitMs;

        Grain(long unitMs) {
            this.unitMs = unitMs;
        }
    }
}
