package dev.footfall.load.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class StatsMathTest {
    @Test
    void percentilesOfOneToHundredMilliseconds() {
        Histogram micros = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
        for (int ms = 1; ms <= 100; ms++) {
            micros.recordValue(ms * 1000L);
        }
        Latency latency = Latency.of(micros);
        assertEquals(100, latency.count());
        assertEquals(50, latency.p50Ms(), 0.1);
        assertEquals(95, latency.p95Ms(), 0.1);
        assertEquals(99, latency.p99Ms(), 0.1);
        assertEquals(100, latency.maxMs(), 0.1);
    }

    @Test
    void emptyHistogramHasNoLatency() {
        assertEquals(Latency.NONE, Latency.of(new Histogram(3)));
    }

    @Test
    void ratePerSecondOverAnInterval() {
        assertEquals(5000, Progress.perSecond(10_000, TimeUnit.SECONDS.toNanos(2)), 1e-9);
        assertEquals(2.5, Progress.perSecond(5, TimeUnit.MILLISECONDS.toNanos(2000)), 1e-9);
        assertEquals(0, Progress.perSecond(5, 0));
    }

    @Test
    void sentCountsOnlyAcknowledgedEvents() {
        RunStats stats = new RunStats();
        stats.answered(Outcome.ACCEPTED, 202, 1_000_000);
        stats.answered(Outcome.ACCEPTED, 201, 1_000_000);
        stats.answered(Outcome.DROPPED, 202, 1_000_000);
        stats.answered(Outcome.REJECTED, 400, 1_000_000);
        stats.answered(Outcome.REJECTED, 429, 1_000_000);
        stats.answered(Outcome.FAILED, 503, 1_000_000);
        stats.unanswered("HttpTimeoutException");
        Counts counts = stats.counts();
        assertEquals(new Counts(2, 1, 2, 2), counts);
        assertEquals(3, counts.acknowledged());
        assertEquals(7, counts.total());
        assertEquals(Map.of("400", 1L, "429", 1L, "503", 1L, "io:HttpTimeoutException", 1L), stats.errors());
        assertEquals(6, stats.totalLatency().count(), "unanswered requests have no latency");
    }

    @Test
    void intervalsAddUpToTheTotal() {
        RunStats stats = new RunStats();
        stats.answered(Outcome.ACCEPTED, 202, TimeUnit.MILLISECONDS.toNanos(2));
        assertEquals(1, stats.takeInterval().count());
        stats.answered(Outcome.ACCEPTED, 202, TimeUnit.MILLISECONDS.toNanos(40));
        stats.answered(Outcome.ACCEPTED, 202, TimeUnit.MILLISECONDS.toNanos(40));
        Latency second = stats.takeInterval();
        assertEquals(2, second.count());
        assertEquals(40, second.p50Ms(), 0.1);
        Latency total = stats.totalLatency();
        assertEquals(3, total.count());
        assertEquals(40, total.maxMs(), 0.1);
    }

    @Test
    void progressLineShowsCountsRateAndPercentiles() {
        RunStats stats = new RunStats();
        Progress progress = new Progress(stats, 0);
        for (int i = 0; i < 10; i++) {
            stats.answered(Outcome.ACCEPTED, 202, TimeUnit.MILLISECONDS.toNanos(3));
        }
        stats.answered(Outcome.DROPPED, 202, TimeUnit.MILLISECONDS.toNanos(3));
        stats.answered(Outcome.REJECTED, 400, TimeUnit.MILLISECONDS.toNanos(3));
        String line = progress.line(TimeUnit.SECONDS.toNanos(2));
        assertEquals("sent 11  accepted 10  dropped 1  rejected 1  failed 0  |  5.5/s  |  p50 3.00 ms  p95 3.00 ms  p99 3.00 ms", line);
        String next = progress.line(TimeUnit.SECONDS.toNanos(3));
        assertTrue(next.contains("|  0.0/s  |"), next);
    }

    @Test
    void countsSubtractAndAdd() {
        Counts a = new Counts(10, 2, 1, 1);
        Counts b = new Counts(4, 1, 0, 1);
        assertEquals(new Counts(6, 1, 1, 0), a.minus(b));
        assertEquals(a, a.minus(b).plus(b));
    }
}
