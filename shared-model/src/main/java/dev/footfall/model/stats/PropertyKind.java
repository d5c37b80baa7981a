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
    HOSTNAME("visit:hostname", "hostname", Set.of(Metric.VISITORS, Metric.PAGEVIEWS, Metric.EVENTS, Metric.TIME_ON_PAGE)),
    ENTRY_PAGE("visit:entry_page", "entry_page", visitMetricsAnd(Metric.VISITORS)),
    EXIT_PAGE("visit:exit_page", "exit_page", visitMetricsAnd(Metric.VISITORS)),
    SOURCE("visit:source", "source", EnumSet.allOf(Metric.class)),
    REFERRER("visit:referrer", "referrer", EnumSet.allOf(Metric.class)),
    UTM_SOURCE("visit:utm_source", "utm_source", EnumSet.allOf(Metric.class)),
    UTM_MEDIUM("visit:utm_medium", "utm_medium", EnumSet.allOf(Metric.class)),
    UTM_CAMPAIGN("visit:utm_campaign", "utm_campaign", EnumSet.allOf(Metric.class)),
    UTM_TERM("visit:utm_term", "utm_term", EnumSet.allOf(Metric.class)),
    UTM_CONTENT("visit:utm_content", "utm_content", EnumSet.allOf(Metric.class)),
    COUNTRY("visit:country", "country", EnumSet.allOf(Metric.class)),
    DEVICE("visit:device", "device", EnumSet.allOf(Metric.class)),
    BROWSER("visit:browser", "browser", EnumSet.allOf(Metric.class)),
    BROWSER_VERSION("visit:browser_version", "browser_version", EnumSet.allOf(Metric.class)),
    OS("visit:os", "os", EnumSet.allOf(Metric.class)),
    OS_VERSION("visit:os_version", "os_version", EnumSet.allOf(Metric.class)),
    CHANNEL("visit:channel", "channel", EnumSet.allOf(Metric.class)),
    /** ISO 3166-2 code ({@code DE-BY}); a breakdown row carries its name as {@code region_name}. */
    REGION("visit:region", "region", EnumSet.allOf(Metric.class)),
    /** GeoNames id ({@code 2867714}); a breakdown row carries its name as {@code city_name}. */
    CITY("visit:city", "city", EnumSet.allOf(Metric.class));

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
