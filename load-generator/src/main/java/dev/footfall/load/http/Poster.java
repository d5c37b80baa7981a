package dev.footfall.load.http;

import dev.footfall.load.stats.Outcome;
import dev.footfall.load.stats.RunStats;
import dev.footfall.load.wire.WireRequest;

/** Posts one request and books its answer; {@code lane} is the caller's connection number. */
public interface Poster extends AutoCloseable {
    Outcome post(WireRequest request, String eventId, int lane, RunStats stats) throws InterruptedException;

    @Override
    void close();
}
