package dev.footfall.console.api;

/** The stats API metrics the console shows, with how each is formatted. */
public enum Metric {
    VISITORS("visitors", "Unique visitors", Kind.COUNT) {
        @Override
        public String shortLabel() {
            return "Visitors";
        }
    },
    VISITS("visits", "Visits", Kind.COUNT),
    PAGEVIEWS("pageviews", "Pageviews", Kind.COUNT),
    VIEWS_PER_VISIT("views_per_visit", "Views per visit", Kind.DECIMAL),
    BOUNCE_RATE("bounce_rate", "Bounce rate", Kind.PERCENT),
    VISIT_DURATION("visit_duration", "Visit duration", Kind.DURATION),
    EVENTS("events", "Events", Kind.COUNT),
    /** Under a goal filter only: unique conversions over the visitors without it. */
    CONVERSION_RATE("conversion_rate", "Conversion rate", Kind.PERCENT);

    public enum Kind { COUNT, DECIMAL, PERCENT, DURATION }

    private final String apiName;
    private final String label;
    private final Kind kind;

    Metric(String apiName, String label, Kind kind) {
        this.apiName = apiName;
        this.label = label;
        this.kind = kind;
    }

    public String apiName() {
        return apiName;
    }

    public String label() {
        return label;
    }

    /** The name in a narrow table column. */
    public String shortLabel() {
        return label;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether a rise is good news: more visitors yes, a higher bounce rate no. */
    public boolean higherIsBetter() {
        return this != BOUNCE_RATE;
    }
}
