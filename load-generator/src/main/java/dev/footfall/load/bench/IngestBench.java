package dev.footfall.load.bench;

import dev.footfall.load.http.Poster;
import dev.footfall.load.stats.Counts;
import dev.footfall.load.stats.RunStats;
import dev.footfall.load.wire.EventIds;
import dev.footfall.load.wire.WireRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Ingest load on {@code connections} virtual threads. Closed loop (no rate): each posts the next
 * planned request as soon as the previous one was answered. Open loop ({@code ratePerSecond} > 0):
 * the requests leave on a fixed schedule, lane k sending its n-th at start + (n · connections + k)
 * / rate, and a request whose lane is still waiting for an answer leaves late with its latency
 * counted from its scheduled time. First a warm-up (booked separately), then the measured duration. Every post gets a fresh event id, so the server's
 * idempotency check never drops one and stored rows can be compared with acknowledgements.
 */
public final class IngestBench {
    private final Poster sender;
    private final List<WireRequest> pool;
    private final int connections;
    /** Requests per second of the open-loop schedule; 0 for closed loop. */
    private final double ratePerSecond;
    private final EventIds eventIds = new EventIds();
    private final RunStats warmupStats = new RunStats();
    private final RunStats measuredStats = new RunStats();
    /** Where answers are booked: the warm-up stats, then the measured ones. */
    private volatile RunStats current = warmupStats;
    private volatile boolean stopping;

    /** What a run did: both phases' stats and the measured phase's length. */
    public record Result(RunStats warmup, RunStats measured, long measuredNanos) {
        /** Every event the server acknowledged as stored, in both phases. */
        public long acceptedTotal() {
            return warmup.counts().accepted() + measured.counts().accepted();
        }

        /** Requests with no acknowledgement that still may have been stored (5xx after enqueue, timeouts). */
        public long uncertainTotal() {
            Counts all = warmup.counts().plus(measured.counts());
            return all.failed();
        }
    }

    public IngestBench(Poster sender, List<WireRequest> pool, int connections) {
        this(sender, pool, connections, 0);
    }

    public IngestBench(Poster sender, List<WireRequest> pool, int connections, double ratePerSecond) {
        if (pool.isEmpty() || connections < 1 || ratePerSecond < 0) {
            throw new IllegalArgumentException("need payloads, at least one connection and a rate of 0 or more");
        }
        this.sender = sender;
        this.pool = pool;
        this.connections = connections;
        this.ratePerSecond = ratePerSecond;
    }

    /**
     * Runs warm-up then measurement; {@code onMeasure} is called with the measured stats when
     * measurement starts (to show progress). {@code stop} ends the run early (Ctrl-C).
     */
    public Result run(long warmupMs, long durationMs, AtomicBoolean stop, Consumer<RunStats> onMeasure)
            throws InterruptedException {
        List<Thread> threads = new ArrayList<>(connections);
        long startNanos = System.nanoTime();
        for (int k = 0; k < connections; k++) {
            int lane = k;
            threads.add(Thread.ofVirtual().name("bench-" + k).start(() -> loop(lane, startNanos)));
        }
        sleep(warmupMs, stop);
        current = measuredStats;
        long start = System.nanoTime();
        onMeasure.accept(measuredStats);
        sleep(durationMs, stop);
        long measuredNanos = System.nanoTime() - start;
        stopping = true;
        for (Thread thread : threads) {
            thread.join();
        }
        return new Result(warmupStats, measuredStats, measuredNanos);
    }

    private void loop(int lane, long startNanos) {
        int i = lane % pool.size();
        double laneIntervalNanos = ratePerSecond > 0 ? connections * 1e9 / ratePerSecond : 0;
        try {
            for (long n = 0; !stopping; n++) {
                long due = System.nanoTime();
                if (laneIntervalNanos > 0) {
                    due = startNanos + (long) ((n + (double) lane / connections) * laneIntervalNanos);
                    for (long wait = due - System.nanoTime(); wait > 0 && !stopping; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    if (stopping) {
                        break;
                    }
                }
                sender.post(pool.get(i), eventIds.next(), lane, current, due);
                i = (i + connections) % pool.size();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms, AtomicBoolean stop) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (!stop.get() && end - System.nanoTime() > 0) {
            Thread.sleep(Math.min(100, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
        }
    }
}
