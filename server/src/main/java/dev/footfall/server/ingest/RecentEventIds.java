package dev.footfall.server.ingest;

import dev.footfall.server.event.Hit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Event ids this server spooled in the last five to ten minutes, so a tracker's retry of an event
 * it already acknowledged is answered as a duplicate at once, without a Redis round trip on the
 * request path. It is a courtesy for the answer only: the drainer's Redis claim is what makes an
 * event count once, across servers and restarts.
 *
 * <p>Two generations of concurrent sets: ids go into the current one, both are asked, and every
 * {@value #GENERATION_MS} ms (or when the current one holds {@value #MAX_IDS_PER_GENERATION} ids)
 * the older is dropped whole. That is a hash insert per event; the Caffeine cache with per-entry
 * expiry it replaces cost 3 % of the server's CPU under live load (its put and the clean-up tasks
 * it scheduled on the common pool, in a JFR profile). Bounded at twice {@value #MAX_IDS_PER_GENERATION}
 * ids (about 20 MB).
 */
final class RecentEventIds {
    static final long GENERATION_MS = 5 * 60_000;
    static final int MAX_IDS_PER_GENERATION = 100_000;

    private final LongSupplier clockMs;
    /** Ids remembered since {@link #startedMs}; becomes {@link #previous} at the next rotation. */
    private volatile Set<String> current = ConcurrentHashMap.newKeySet();
    /** The generation before; dropped at the next rotation. */
    private volatile Set<String> previous = Set.of();
    /** When {@link #current} began. */
    private volatile long startedMs;

    RecentEventIds() {
        this(System::currentTimeMillis);
    }

    RecentEventIds(LongSupplier clockMs) {
        this.clockMs = clockMs;
        this.startedMs = clockMs.getAsLong();
    }

    /** True when every hit carries an id this server spooled recently: the request is a retry. */
    boolean allSeen(List<Hit> hits) {
        for (Hit hit : hits) {
            if (hit.eventId() == null || !seen(key(hit))) {
                return false;
            }
        }
        return true;
    }

    /** Remembers the ids of hits just spooled. */
    void remember(List<Hit> hits) {
        for (Hit hit : hits) {
            if (hit.eventId() != null) {
                remember(key(hit));
            }
        }
    }

    boolean seen(String key) {
        return current.contains(key) || previous.contains(key);
    }

    void remember(String key) {
        rotateIfDue();
        current.add(key);
    }

    private void rotateIfDue() {
        long now = clockMs.getAsLong();
        if (now - startedMs < GENERATION_MS && current.size() < MAX_IDS_PER_GENERATION) {
            return;
        }
        synchronized (this) {
            if (now - startedMs >= GENERATION_MS || current.size() >= MAX_IDS_PER_GENERATION) {
                previous = current;
                current = ConcurrentHashMap.newKeySet();
                startedMs = now;
            }
        }
    }

    private static String key(Hit hit) {
        return hit.site().id() + ":" + hit.eventId();
    }
}
