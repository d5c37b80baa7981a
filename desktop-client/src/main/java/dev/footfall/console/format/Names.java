package dev.footfall.console.format;

import dev.footfall.model.stats.Metric;
import dev.footfall.model.stats.Property;
import dev.footfall.model.stats.PropertyKind;
import java.util.Locale;

/**
 * What the console calls the shared model's metrics and properties ("Unique visitors",
 * "Operating system"): the wire names belong to {@code shared-model}, these to the screen.
 */
public final class Names {
    private Names() {
    }

    public static String metric(Metric metric) {
        return switch (metric) {
            case VISITORS -> "Unique visitors";
            case VISITS -> "Visits";
            case PAGEVIEWS -> "Pageviews";
            case VIEWS_PER_VISIT -> "Views per visit";
            case BOUNCE_RATE -> "Bounce rate";
            case VISIT_DURATION -> "Visit duration";
            case EVENTS -> "Events";
            case TIME_ON_PAGE -> "Time on page";
            case CONVERSION_RATE -> "Conversion rate";
            case GROUP_CONVERSION_RATE -> "Group conversion rate";
            case TOTAL_REVENUE -> "Total revenue";
            case AVERAGE_REVENUE -> "Average revenue";
        };
    }

    /** The name in a narrow table column. */
    public static String shortMetric(Metric metric) {
        return metric == Metric.VISITORS ? "Visitors" : metric(metric);
    }

    public static String property(Property property) {
        return property.kind() == PropertyKind.PROPS ? "Property " + property.propKey() : property(property.kind());
    }

    public static String property(PropertyKind kind) {
        return switch (kind) {
            case PAGE -> "Page";
            case NAME -> "Event";
            case PROPS -> "Property";
            case GOAL -> "Goal";
            case HOSTNAME -> "Hostname";
            case ENTRY_PAGE -> "Entry page";
            case EXIT_PAGE -> "Exit page";
            case SOURCE -> "Source";
            case REFERRER -> "Referrer";
            case UTM_SOURCE -> "UTM source";
            case UTM_MEDIUM -> "UTM medium";
            case UTM_CAMPAIGN -> "UTM campaign";
            case UTM_TERM -> "UTM term";
            case UTM_CONTENT -> "UTM content";
            case COUNTRY -> "Country";
            case DEVICE -> "Device";
            case BROWSER -> "Browser";
            case BROWSER_VERSION -> "Browser version";
            case OS -> "Operating system";
            case OS_VERSION -> "OS version";
            case CHANNEL -> "Channel";
            case REGION -> "Region";
            case CITY -> "City";
        };
    }

    /** "Source is Google", "Page contains blog": a filter chip's operator in words. */
    public static String operator(dev.footfall.model.stats.Filter.Op op) {
        return switch (op) {
            case EQ -> "is";
            case NEQ -> "is not";
            case CONTAINS -> "contains";
        };
    }

    /** A column header for a row key the console has no name for ("entry_page" → "entry page"). */
    public static String key(String key) {
        return key.replace('_', ' ').toLowerCase(Locale.ROOT);
    }
}
