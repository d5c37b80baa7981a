package dev.footfall.console.format;

import dev.footfall.model.stats.Metric;
import java.text.NumberFormat;
import java.util.Locale;

/**
 * Numbers as the user's locale writes them: counts with thousands separators, rates as
 * percentages, durations as {@code 2m 31s}, changes as {@code +12%}. One instance per locale;
 * not thread-safe ({@link NumberFormat} is not), so use it on the FX thread only.
 */
public final class Formats {
    private final NumberFormat count;
    private final NumberFormat decimal;
    private final NumberFormat percent;

    public Formats(Locale locale) {
        count = NumberFormat.getIntegerInstance(locale);
        decimal = NumberFormat.getNumberInstance(locale);
        decimal.setMinimumFractionDigits(0);
        decimal.setMaximumFractionDigits(2);
        percent = NumberFormat.getNumberInstance(locale);
        percent.setMaximumFractionDigits(1);
    }

    public String count(double value) {
        return count.format(Math.round(value));
    }

    public String decimal(double value) {
        return decimal.format(value);
    }

    /** {@code 42%} for 42.0 (the API sends percentages, not fractions). */
    public String percent(double value) {
        return percent.format(value) + "%";
    }

    /** {@code 45s}, {@code 2m 31s}, {@code 1h 5m}; below a second {@code 0s}. */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m " + s % 60 + "s";
        }
        return s / 3600 + "h " + s % 3600 / 60 + "m";
    }

    public String metric(Metric metric, double value) {
        return switch (metric) {
            case VIEWS_PER_VISIT, AVERAGE_REVENUE, TOTAL_REVENUE -> decimal(value);
            case BOUNCE_RATE, CONVERSION_RATE, GROUP_CONVERSION_RATE -> percent(value);
            case VISIT_DURATION, TIME_ON_PAGE -> duration(value);
            case VISITORS, VISITS, PAGEVIEWS, EVENTS -> count(value);
        };
    }

    /** {@code +12.5%}, {@code −3%} (a real minus sign), {@code 0%}. */
    public String change(double percentChange) {
        String magnitude = percent.format(Math.abs(percentChange)) + "%";
        if (percentChange > 0) {
            return "+" + magnitude;
        }
        return percentChange < 0 ? "\u2212" + magnitude : magnitude;
    }
}
