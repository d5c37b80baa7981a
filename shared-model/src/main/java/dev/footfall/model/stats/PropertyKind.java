package dev.footfall.model.stats;

import java.util.EnumSet;
import java.util.Set;

/**
 * The dimensions a report can break down or filter by. {@code wireName} is the API name
 * ({@code visit:source}); {@code key} names the value in a breakdown row ({@code source});
 * {@code metrics} are the metrics a breakdown by this dimension offers. Event dimensions
 * ({@code event:*}, {@code visit:hostname}) belong to single events, so visit metrics
 * (visits, bounce rate, duration) are not defined for them.
 */
public enum PropertyKind {
    PAGE("event:page", "page", Set.of(Metric.VISITORS, Metric.PAGEVIEWS, Metric.EVENTS, Metric.TIME_ON_PAGE)),
    NAME("event:name", "name", Set.of(Metric.VISITORS, Metric.PAGEVIEWS, Metric.EVENTS)),
    /** {@code event:props:<key>}: the key is part of the property; the row key is the prop key itself. */
    PROPS("event:props:", null, Set.of(Metric.VISITORS, Metric.PAGEVIEWS, Metric.EVENTS)),
    /** {@code event:goal}: the site's goals by display name, answered from their conversions (the server's {@code GoalReports}). */
    GOAL("event:goal", "goal", Metric.GOAL),
    HOSTNAME("visit:hostname", "hostname", Set.of(Metric.VISITORS, Metric.PAGEVIEWS, Metric.EVENTS, Metric.TIME_ON_PAGE)),
    ENTRY_PAGE("visit:entry_page", "entry_page", visitMetricsAnd(Metric.VISITORS)),
    EXIT_PAGE("visit:exit_page", "exit_page", visitMetricsAnd(Metric.VISITORS)),
    SOURCE("visit:source", "source", Metric.STANDARD),
    REFERRER("visit:referrer", "referrer", Metric.STANDARD),
    UTM_SOURCE("visit:utm_source", "utm_source", Metric.STANDARD),
    UTM_MEDIUM("visit:utm_medium", "utm_medium", Metric.STANDARD),
    UTM_CAMPAIGN("visit:utm_campaign", "utm_campaign", Metric.STANDARD),
    UTM_TERM("visit:utm_term", "utm_term", Metric.STANDARD),
    UTM_CONTENT("visit:utm_content", "utm_content", Metric.STANDARD),
    COUNTRY("visit:country", "country", Metric.STANDARD),
    DEVICE("visit:device", "device", Metric.STANDARD),
    BROWSER("visit:browser", "browser", Metric.STANDARD),
    BROWSER_VERSION("visit:browser_version", "browser_version", Metric.STANDARD),
    OS("visit:os", "os", Metric.STANDARD),
    OS_VERSION("visit:os_version", "os_version", Metric.STANDARD),
    CHANNEL("visit:channel", "channel", Metric.STANDARD),
    /** ISO 3166-2 code ({@code DE-BY}); a breakdown row carries its name as {@code region_name}. */
    REGION("visit:region", "region", Metric.STANDARD),
    /** GeoNames id ({@code 2867714}); a breakdown row carries its name as {@code city_name}. */
    CITY("visit:city", "city", Metric.STANDARD);

    private final String wireName;
    private final String key;
    private final Set<Metric> metrics;

    PropertyKind(String wireName, String key, Set<Metric> metrics) {
        this.wireName = wireName;
        this.key = key;
        this.metrics = Set.copyOf(metrics);
    }

    public String wireName() {
        return wireName;
    }

    public String key() {
        return key;
    }

    public Set<Metric> metrics() {
        return metrics;
    }

    /**
     * The row key of the value's name beside its code ({@code region_name}, {@code city_name}, as
     * Plausible's v2 dimensions are called), or null for properties whose value is its own label.
     */
    public String nameKey() {
        return this == REGION || this == CITY ? key + "_name" : null;
    }

    /** True when the value belongs to a single event rather than being fixed for the whole visit. */
    public boolean eventLevel() {
        return this == PAGE || this == NAME || this == PROPS || this == HOSTNAME;
    }

    private static Set<Metric> visitMetricsAnd(Metric extra) {
        Set<Metric> set = EnumSet.of(extra);
        for (Metric m : Metric.values()) {
            if (m.visitLevel()) {
                set.add(m);
            }
        }
        return set;
    }
}
