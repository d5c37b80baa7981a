package dev.footfall.load.stats;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The live progress line and the end-of-run summary. The rate is acknowledged events per
 * second over the last interval (live) or over the whole run (summary); latency percentiles are
 * of the last interval (live) or of the whole run (summary).
 */
public final class Progress {
    private final RunStats stats;
    /** Counts and time of the previous line; reset by every {@link #line}. */
    private Counts previous = Counts.ZERO;
    private long previousNanos;

    public Progress(RunStats stats, long startNanos) {
        this.stats = stats;
        this.previousNanos = startNanos;
    }

    /** The progress line for the interval ending at {@code nowNanos}. */
    public synchronized String line(long nowNanos) {
        Counts now = stats.counts();
        double rate = perSecond(now.acknowledged() - previous.acknowledged(), nowNanos - previousNanos);
        previous = now;
        previousNanos = nowNanos;
        return format(now, rate, stats.takeInterval());
    }

    static String format(Counts c, double rate, Latency latency) {
        return String.format(Locale.ROOT, "sent %d  accepted %d  dropped %d  rejected %d  failed %d  |  %s/s  |  %s",
                c.acknowledged(), c.accepted(), c.dropped(), c.rejected(), c.failed(), rate(rate), latency.format(false));
    }

    /** Events per {@code elapsedNanos}, as a per-second rate; 0 for an empty interval. */
    public static double perSecond(long events, long elapsedNanos) {
        return elapsedNanos <= 0 ? 0 : events * 1e9 / elapsedNanos;
    }

    static String rate(double perSecond) {
        return perSecond >= 100 ? String.format(Locale.ROOT, "%.0f", perSecond) : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    /** A multi-line summary of a whole run lasting {@code elapsedNanos}. */
    public static String summary(String title, RunStats stats, long elapsedNanos) {
        Counts c = stats.counts();
        Latency latency = stats.totalLatency();
        Map<String, Long> errors = stats.errors();
        return String.join(System.lineSeparator(),
                title,
                String.format(Locale.ROOT, "  duration     %.1f s", elapsedNanos / 1e9),
                String.format(Locale.ROOT, "  requests     %d (acknowledged %d: accepted %d, dropped %d; rejected %d; failed %d)",
                        c.total(), c.acknowledged(), c.accepted(), c.dropped(), c.rejected(), c.failed()),
                String.format(Locale.ROOT, "  throughput   %s events/s acknowledged", rate(perSecond(c.acknowledged(), elapsedNanos))),
                "  latency      " + latency.format(true) + "  (" + latency.count() + " answers)",
                "  errors       " + (errors.isEmpty() ? "none" : errors.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))));
    }
}
