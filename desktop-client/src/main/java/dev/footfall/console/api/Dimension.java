package dev.footfall.console.api;

import java.util.Locale;

/** The breakdown properties the console shows, with the names the panels use. */
public enum Dimension {
    PAGE("event:page", "Page"),
    ENTRY_PAGE("visit:entry_page", "Entry page"),
    EXIT_PAGE("visit:exit_page", "Exit page"),
    SOURCE("visit:source", "Source"),
    REFERRER("visit:referrer", "Referrer"),
    CHANNEL("visit:channel", "Channel"),
    UTM_MEDIUM("visit:utm_medium", "UTM medium"),
    UTM_SOURCE("visit:utm_source", "UTM source"),
    UTM_CAMPAIGN("visit:utm_campaign", "UTM campaign"),
    COUNTRY("visit:country", "Country"),
    REGION("visit:region", "Region"),
    CITY("visit:city", "City"),
    BROWSER("visit:browser", "Browser"),
    OS("visit:os", "Operating system"),
    DEVICE("visit:device", "Device"),
    EVENT_NAME("event:name", "Event"),
    GOAL("event:goal", "Goal");

    private final String property;
    private final String label;

    Dimension(String property, String label) {
        this.property = property;
        this.label = label;
    }

    public String property() {
        return property;
    }

    public String label() {
        return label;
    }

    /** The key the API uses for this property in breakdown rows: the part after the last ':'. */
    public static String rowKey(String property) {
        return property.substring(property.lastIndexOf(':') + 1);
    }

    /** A label for any property, including {@code event:props:<key>}. */
    public static String labelOf(String property) {
        for (Dimension d : values()) {
            if (d.property.equals(property)) {
                return d.label;
            }
        }
        if (property.startsWith("event:props:")) {
            return "Property " + rowKey(property);
        }
        if ("date".equals(property)) {
            return "Date";
        }
        return rowKey(property).replace('_', ' ').toLowerCase(Locale.ROOT);
    }
}
