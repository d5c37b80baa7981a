package dev.footfall.model.stats;

import dev.footfall.model.InvalidFieldException;
import java.util.Locale;

/** Time bucket of a timeseries. Hours are site-local clock hours; weeks start on Monday. */
public enum Interval {
    HOUR, DAY, WEEK, MONTH;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The interval named by {@code text}, or the period's natural one when absent. */
    public static Interval parse(String text, Period period) {
        if (text == null || text.isBlank()) {
            return switch (period) {
                case DAY -> HOUR;
                case MONTHS_6, MONTHS_12 -> MONTH;
                default -> DAY;
            };
        }
        for (Interval i : values()) {
            if (i.wireName().equals(text.strip())) {
                return i;
            }
        }
        throw new InvalidFieldException("interval", "unknown interval '" + text + "': hour, day, week or month");
    }
}
