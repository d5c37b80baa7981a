package dev.footfall.model.stats;

import dev.footfall.model.InvalidFieldException;

/** The {@code period} parameter; {@link #CUSTOM} takes {@code date=YYYY-MM-DD,YYYY-MM-DD}. */
public enum Period {
    DAY("day"), DAYS_7("7d"), DAYS_30("30d"), MONTH("month"), MONTHS_6("6mo"), MONTHS_12("12mo"), CUSTOM("custom");

    private final String wireName;

    Period(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Period parse(String text) {
        if (text == null || text.isBlank()) {
            return DAYS_30;
        }
        for (Period p : values()) {
            if (p.wireName.equals(text.strip())) {
                return p;
            }
        }
        throw new InvalidFieldException("period", "unknown period '" + text + "': day, 7d, 30d, month, 6mo, 12mo or custom");
    }
}
