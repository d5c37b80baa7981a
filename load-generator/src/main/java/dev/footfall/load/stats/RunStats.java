package dev.footfall.load.stats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters and the latency histogram of one run phase, written by many request threads at
 * once. Latency goes into an HdrHistogram {@link Recorder} (wait-free writes, three significant
 * digits, up to one hour); the progress line takes interval histograms from it and this class
 * keeps their sum for the summary. Error keys are the HTTP status ({@code "503"}) or
 * {@code "io:<exception>"} when there was no answer.
 */
public final class RunStats {
    private static final long MAX_MICROS = TimeUnit.HOURS.toMicros(1);

    private final LongAdder accepted = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Recorder recorder = new Recorder(MAX_MICROS, 3);
    /** Every interval taken so far, summed; guarded by this. */
    private final Histogram total = new Histogram(MAX_MICROS, 3);
    /** The last interval histogram, recycled by the next {@link #takeInterval()}; guarded by this. */
    private Histogram interval;

    /** One answered request; {@code status} is the HTTP status. */
    public void answered(Outcome outcome, int status, long latencyNanos) {
        count(outcome);
        if (outcome == Outcome.REJECTED || outcome == Outcome.FAILED) {
            errors.computeIfAbsent(Integer.toString(status), k -> new LongAdder()).increment();
        }
        recorder.recordValue(Math.clamp(TimeUnit.NANOSECONDS.toMicros(latencyNanos), 0, MAX_MICROS));
    }

    /** A request that got no answer; {@code reason} is the exception's simple name. */
    public void unanswered(String reason) {
        count(Outcome.FAILED);
        errors.computeIfAbsent("io:" + reason, k -> new LongAdder()).increment();
    }

    private void count(Outcome outcome) {
        switch (outcome) {
            case ACCEPTED -> accepted.increment();
            case DROPPED -> dropped.increment();
            case REJECTED -> rejected.increment();
            case FAILED -> failed.increment();
        }
    }

    public Counts counts() {
        return new Counts(accepted.sum(), dropped.sum(), rejected.sum(), failed.sum());
    }

    /** Errors by status or I/O exception, sorted by key. */
    public Map<String, Long> errors() {
        Map<String, Long> sorted = new TreeMap<>();
        errors.forEach((k, v) -> sorted.put(k, v.sum()));
        return sorted;
    }

    /** Latency since the previous call; also added to {@link #totalLatency()}. */
    public synchronized Latency takeInterval() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return Latency.of(interval);
    }

    /** Latency of the whole phase (takes the pending interval first). */
    public synchronized Latency totalLatency() {
        takeInterval();
        return Latency.of(total);
    }
}
