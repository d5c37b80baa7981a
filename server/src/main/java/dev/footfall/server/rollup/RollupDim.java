package dev.footfall.server.rollup;

import dev.footfall.server.lookup.Dimension;

/**
 * The dimensions rollups are kept for; the code is {@code rollup_*.dim}. Value ids are ids of the
 * matching dimension table, except {@link #TOTAL} (always 0) and {@link #COUNTRY} (the two
 * letters packed by {@link #countryId}).
 */
public enum RollupDim {
    TOTAL(0),
    PAGE(1),
    ENTRY_PAGE(2),
    EXIT_PAGE(3),
    HOSTNAME(4),
    EVENT_NAME(5),
    PROP(6),
    SOURCE(7),
    REFERRER(8),
    UTM_SOURCE(9),
    UTM_MEDIUM(10),
    UTM_CAMPAIGN(11),
    UTM_TERM(12),
    UTM_CONTENT(13),
    COUNTRY(14),
    DEVICE_TYPE(15),
    BROWSER(16),
    BROWSER_VERSION(17),
    OS(18),
    OS_VERSION(19),
    CHANNEL(20),
    REGION(21),
    CITY(22);

    private final int code;

    RollupDim(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The rollup dimension of a dimension table's values. */
    public static RollupDim of(Dimension d) {
        return switch (d) {
            case PAGE -> PAGE;
            case HOSTNAME -> HOSTNAME;
            case REFERRER -> REFERRER;
            case SOURCE -> SOURCE;
            case EVENT_NAME -> EVENT_NAME;
            case BROWSER -> BROWSER;
            case BROWSER_VERSION -> BROWSER_VERSION;
            case OS -> OS;
            case OS_VERSION -> OS_VERSION;
            case DEVICE_TYPE -> DEVICE_TYPE;
            case UTM_SOURCE -> UTM_SOURCE;
            case UTM_MEDIUM -> UTM_MEDIUM;
            case UTM_CAMPAIGN -> UTM_CAMPAIGN;
            case UTM_TERM -> UTM_TERM;
            case UTM_CONTENT -> UTM_CONTENT;
            case CHANNEL -> CHANNEL;
            case REGION -> REGION;
            case CITY -> CITY;
            case PROP -> PROP;
        };
    }

    /** "DE" → 'D' * 256 + 'E'; "" → 0. */
    public static int countryId(String country) {
        return country.length() == 2 ? country.charAt(0) * 256 + country.charAt(1) : 0;
    }

    public static String country(int id) {
        return id == 0 ? "" : "" + (char) (id / 256) + (char) (id % 256);
    }
}
