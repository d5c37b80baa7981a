package dev.footfall.server.lookup;

import dev.footfall.server.event.EventKind;
import dev.footfall.server.event.Hit;
import java.util.Arrays;
import java.util.List;

/**
 * The dimension tables: each maps a natural value (a page path, a browser name, …) to a small
 * integer id that events, visits and rollups store instead of the text. This enum is the one
 * list of them: the lookup, the event and visit columns ({@link #column}), the visit state and
 * the rollup booking all iterate it, so a new dimension is added here (and in the migration
 * that creates its table and columns).
 */
public enum Dimension {
    PAGE("dim_pages", "page_id", false),
    HOSTNAME("dim_hostnames", "hostname_id", true),
    REFERRER("dim_referrers", "referrer_id", true),
    SOURCE("dim_sources", "source_id", true),
    EVENT_NAME("dim_event_names", "name_id", false),
    BROWSER("dim_browsers", "browser_id", true),
    BROWSER_VERSION("dim_browser_versions", "browser_version_id", true),
    OS("dim_operating_systems", "os_id", true),
    OS_VERSION("dim_os_versions", "os_version_id", true),
    DEVICE_TYPE("dim_device_types", "device_type_id", true),
    UTM_SOURCE("dim_utm_sources", "utm_source_id", true),
    UTM_MEDIUM("dim_utm_mediums", "utm_medium_id", true),
    UTM_CAMPAIGN("dim_utm_campaigns", "utm_campaign_id", true),
    UTM_TERM("dim_utm_terms", "utm_term_id", true),
    UTM_CONTENT("dim_utm_contents", "utm_content_id", true),
    /** The acquisition channel's label ("Organic Search"), from migration V8 on. */
    CHANNEL("dim_channels", "channel_id", true),
    /** The ISO 3166-2 region ("DE-BY") with its name, from migration V9 on; see {@link #named()}. */
    REGION("dim_regions", "region_id", true),
    /** The city's GeoNames id ("2867714") with its name, from migration V9 on; see {@link #named()}. */
    CITY("dim_cities", "city_id", true),
    /** Custom property pairs, stored as {@code key + '\u001f' + value}; a hit has any number, so no column. */
    PROP("dim_props", null, false);

    /** Separates key and value in a {@link #PROP} value; cannot appear in JSON-decoded text by accident. */
    public static final char PROP_SEPARATOR = '\u001f';

    /** One id per hit: every dimension but {@link #PROP}, each an {@code events} column. */
    public static final List<Dimension> SINGLE = Arrays.stream(values()).filter(d -> d.column != null).toList();

    /**
     * Fixed for a whole visit by its first event, each a {@code visits} column too. The order is the
     * visit state line's ({@code VisitState}); keep it, and add new ones at the end.
     */
    public static final List<Dimension> VISIT = List.of(HOSTNAME, REFERRER, SOURCE, UTM_SOURCE, UTM_MEDIUM, UTM_CAMPAIGN,
            UTM_TERM, UTM_CONTENT, BROWSER, BROWSER_VERSION, OS, OS_VERSION, DEVICE_TYPE, CHANNEL, REGION, CITY);

    private final String table;
    private final String column;
    private final boolean visitLevel;

    Dimension(String table, String column, boolean visitLevel) {
        this.table = table;
        this.column = column;
        this.visitLevel = visitLevel;
    }

    public String table() {
        return table;
    }

    /** The id column in {@code events} (and {@code visits}, for visit-level ones). */
    public String column() {
        return column;
    }

    public boolean visitLevel() {
        return visitLevel;
    }

    /**
     * True for the dimensions whose table keeps a name beside the code ({@link #REGION},
     * {@link #CITY}): their {@link #valueOf} is {@code code + '\u001f' + name}; the lookup keys the
     * row by the code alone ({@link #codeOf}) and stores the name in the table's {@code name}
     * column, so filters go by code and the first (non-empty) name a database gave stays.
     */
    public boolean named() {
        return this == REGION || this == CITY;
    }

    /** The code of a {@link #named()} dimension's value (all of it for a value without a name). */
    public static String codeOf(String value) {
        int at = value.indexOf(PROP_SEPARATOR);
        return at < 0 ? value : value.substring(0, at);
    }

    /** The name of a {@link #named()} dimension's value, "" for none. */
    public static String nameOf(String value) {
        int at = value.indexOf(PROP_SEPARATOR);
        return at < 0 ? "" : value.substring(at + 1);
    }

    /**
     * The natural value of this dimension in {@code hit}. Versions are stored with their product
     * name ("Chrome 131", "Windows 11") so rollup rows of different products never merge.
     */
    public String valueOf(Hit hit) {
        return switch (this) {
            case PAGE -> hit.location().page();
            case HOSTNAME -> hit.location().hostname();
            case REFERRER -> hit.source().referrer();
            case SOURCE -> hit.source().name();
            case EVENT_NAME -> hit.kind() == EventKind.PAGEVIEW ? "pageview" : hit.name();
            case BROWSER -> hit.software().browser();
            case BROWSER_VERSION -> hit.software().browser() + " " + hit.software().browserVersion();
            case OS -> hit.software().os();
            case OS_VERSION -> hit.software().os() + " " + hit.software().osVersion();
            case DEVICE_TYPE -> hit.software().device();
            case UTM_SOURCE -> hit.utm().source();
            case UTM_MEDIUM -> hit.utm().medium();
            case UTM_CAMPAIGN -> hit.utm().campaign();
            case UTM_TERM -> hit.utm().term();
            case UTM_CONTENT -> hit.utm().content();
            case CHANNEL -> hit.source().channel().label();
            case REGION -> named(hit.place().region(), hit.place().regionName());
            case CITY -> named(hit.place().city(), hit.place().cityName());
            case PROP -> throw new IllegalArgumentException("a hit has many props; see Hit.props()");
        };
    }

    public static String prop(String key, String value) {
        return key + PROP_SEPARATOR + value;
    }

    private static String named(String code, String name) {
        return code.isEmpty() || name.isEmpty() ? code : code + PROP_SEPARATOR + name;
    }
}
