package dev.footfall.load.stats;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/** Latency percentiles in milliseconds, read from a histogram of microseconds. */
public record Latency(long count, double p50Ms, double p95Ms, double p99Ms, double maxMs) {
    public static final Latency NONE = new Latency(0, 0, 0, 0, 0);

    public static Latency of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return NONE;
        }
        return new Latency(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(95)),
                ms(micros.getValueAtPercentile(99)), ms(micros.getMaxValue()));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    /** {@code p50 1.2 ms p95 3.4 ms p99 8.0 ms}; with {@code withMax}, also the maximum. */
    public String format(boolean withMax) {
        String s = String.format(Locale.ROOT, "p50 %s ms  p95 %s ms  p99 %s ms", num(p50Ms), num(p95Ms), num(p99Ms));
        return withMax ? s + String.format(Locale.ROOT, "  max %s ms", num(maxMs)) : s;
    }

    static String num(double ms) {
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms) : String.format(Locale.ROOT, "%.2f", ms);
    }
}
