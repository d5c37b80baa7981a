package dev.footfall.server.rollup;

/** The counter columns of both rollup tables, in column order; the ordinal indexes a row's {@code long[]}. */
public enum Counter {
    VISITORS("visitors"),
    HOUR_VISITORS("hour_visitors"),
    PAGEVIEWS("pageviews"),
    EVENTS("events"),
    VISITS("visits"),
    BOUNCES("bounces"),
    VISIT_DURATION_MS("visit_duration_ms"),
    VISIT_PAGEVIEWS("visit_pageviews"),
    ENGAGEMENT_MS("engagement_ms"),
    ENGAGEMENTS("engagements"),
    SCROLL_DEPTH_SUM("scroll_depth_sum");

    private final String column;

    Counter(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }

    static final Counter[] ALL = values();
}
