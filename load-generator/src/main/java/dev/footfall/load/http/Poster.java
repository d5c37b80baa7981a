package dev.footfall.load.http;

import dev.footfall.load.stats.Outcome;
import dev.footfall.load.stats.RunStats;
import dev.footfall.load.wire.WireRequest;

/** Posts one request and books its answer; {@code lane} is the caller's connection number. */
public interface Poster extends AutoCloseable {
    /** Posts now; the latency booked runs from now to the answer. */
    default Outcome post(WireRequest request, String eventId, int lane, RunStats stats) throws InterruptedException {
        return post(request, eventId, lane, stats, System.nanoTime());
    }

    /**
     * Posts now; the latency booked runs from {@code sinceNanos} ({@link System#nanoTime}), the
     * time an open-loop schedule meant the request to leave, so a request held up behind a slow
     * answer counts its wait too (no coordinated omission).
     */
    Outcome post(WireRequest request, String eventId, int lane, RunStats stats, long sinceNanos) throws InterruptedException;

    @Override
    void close();
}
