package dev.footfall.server.lookup;

/**
 * The dimension tables: each maps a natural value (a page path, a browser name, …) to a small
 * integer id that events, visits and rollups store instead of the text.
 */
public enum Dimension {
    PAGE("dim_pages"),
    HOSTNAME("dim_hostnames"),
    REFERRER("dim_referrers"),
    SOURCE("dim_sources"),
    EVENT_NAME("dim_event_names"),
    BROWSER("dim_browsers"),
    BROWSER_VERSION("dim_browser_versions"),
    OS("dim_operating_systems"),
    OS_VERSION("dim_os_versions"),
    DEVICE_TYPE("dim_device_types"),
    UTM_SOURCE("dim_utm_sources"),
    UTM_MEDIUM("dim_utm_mediums"),
    UTM_CAMPAIGN("dim_utm_campaigns"),
    UTM_TERM("dim_utm_terms"),
    UTM_CONTENT("dim_utm_contents"),
    /** Custom property pairs, stored as {@code key + '\u001f' + value}. */
    PROP("dim_props");

    /** Separates key and value in a {@link #PROP} value; cannot appear in JSON-decoded text by accident. */
    public static final char PROP_SEPARATOR = '\u001f';

    private final String table;

    Dimension(String table) {
        this.table = table;
    }

    public String table() {
        return table;
    }

    public static String prop(String key, String value) {
        return key + PROP_SEPARATOR + value;
    }
}
