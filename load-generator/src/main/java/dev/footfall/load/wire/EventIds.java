package dev.footfall.load.wire;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique event ids for one run: a random run prefix and a counter ({@code k3x9q2-1f}), so the
 * server's idempotency check never drops a fresh event and stored counts can be compared exactly.
 */
public final class EventIds {
    private final String prefix;
    private final AtomicLong next = new AtomicLong();

    public EventIds() {
        this(Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36 * 36), 36));
    }

    EventIds(String prefix) {
        this.prefix = prefix;
    }

    public String next() {
        return prefix + "-" + Long.toString(next.getAndIncrement(), 36);
    }
}
