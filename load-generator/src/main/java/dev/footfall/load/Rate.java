package dev.footfall.load;

import java.util.Locale;
import picocli.CommandLine;

/**
 * A target event rate as written on the command line: {@code 5/s}, {@code 300/m}, {@code 9000/h}
 * or a bare number (per second).
 */
public record Rate(double perSecond) {
    public Rate {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("rate must be positive, got " + perSecond);
        }
    }

    /** Nanoseconds between two events at this rate. */
    public long intervalNanos() {
        return Math.max(1, Math.round(1e9 / perSecond));
    }

    public static Rate parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        int slash = t.indexOf('/');
        String amount = slash < 0 ? t : t.substring(0, slash).strip();
        String unit = slash < 0 ? "s" : t.substring(slash + 1).strip();
        double seconds = switch (unit) {
            case "s", "sec", "second" -> 1;
            case "m", "min", "minute" -> 60;
            case "h", "hour" -> 3600;
            default -> throw new IllegalArgumentException("rate unit must be /s, /m or /h: '" + text + "'");
        };
        double value;
        try {
            value = Double.parseDouble(amount);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rate must look like 5/s or 300/m: '" + text + "'");
        }
        return new Rate(value / seconds);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.2f/s", perSecond);
    }

    /** picocli converter, so options can be typed {@code Rate}. */
    public static final class Converter implements CommandLine.ITypeConverter<Rate> {
        @Override
        public Rate convert(String value) {
            return parse(value);
        }
    }
}
