package dev.footfall.server.ingest;

import dev.footfall.server.event.Hit;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Event ids this server spooled in the last five to ten minutes, so a tracker's retry of an event
 * it already acknowledged is answered as a duplicate at once, without a Redis round trip on the
 * request path. It is a courtesy for the answer only: the drainer's Redis claim is what makes an
 * event count once, across servers and restarts.
 *
 * <p>Two generations: ids go into the current one, both are asked, and every
 * {@value #GENERATION_MS} ms (or when the current one holds {@value #MAX_IDS_PER_GENERATION} ids)
 * the older is cleared and becomes the current. An id is kept as a 128-bit fingerprint of its
 * site and text in an open-addressed table of two {@code long} arrays: 4 MB per generation,
 * allocated once, with no object per id. The concurrent set of strings it replaces held about
 * 110 bytes in three objects per id, up to 22 MB under a burst, all of which the collector
 * promoted and marked again in every old-generation cycle of a 300 MB heap. Two different ids
 * share a fingerprint with a chance of about 2<sup>-110</sup> per request; that would answer a new
 * event as a duplicate, which is why the fingerprint is this wide.
 */
final class RecentEventIds {
    static final long GENERATION_MS = 5 * 60_000;
    static final int MAX_IDS_PER_GENERATION = 100_000;

    private final LongSupplier clockMs;
    /** Ids remembered since {@link #startedMs}; becomes {@link #previous} at the next rotation. */
    private Generation current = new Generation();
    /** The generation before; cleared and reused as the current one at the next rotation. */
    private Generation previous = new Generation();
    /** When {@link #current} began. */
    private long startedMs;

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
            if (hit.eventId() == null || !seen(hit.site().id(), hit.eventId())) {
                return false;
            }
        }
        return true;
    }

    /** Remembers the ids of hits just spooled. */
    void remember(List<Hit> hits) {
        for (Hit hit : hits) {
            if (hit.eventId() != null) {
                remember(hit.site().id(), hit.eventId());
            }
        }
    }

    synchronized boolean seen(long siteId, String eventId) {
        long high = high(siteId, eventId);
        long low = low(siteId, eventId);
        return current.contains(high, low) || previous.contains(high, low);
    }

    synchronized void remember(long siteId, String eventId) {
        long now = clockMs.getAsLong();
        if (now - startedMs >= GENERATION_MS || current.size >= MAX_IDS_PER_GENERATION) {
            Generation emptied = previous;
            emptied.clear();
            previous = current;
            current = emptied;
            startedMs = now;
        }
        current.add(high(siteId, eventId), low(siteId, eventId));
    }

    /** The fingerprint's first word: it also picks the slot. */
    private static long high(long siteId, String eventId) {
        return fingerprint(siteId, eventId, 0x9E3779B97F4A7C15L);
    }

    /** The fingerprint's second word, never 0 (a free slot's mark). */
    private static long low(long siteId, String eventId) {
        return fingerprint(siteId, eventId, 0xC2B2AE3D27D4EB4FL) | 1;
    }

    /** 64 bits of (site, id) per seed: an xor-multiply step per character, finished by MurmurHash3's fmix64. */
    private static long fingerprint(long siteId, String eventId, long seed) {
        long h = seed ^ siteId * 0xFF51AFD7ED558CCDL;
        for (int i = 0; i < eventId.length(); i++) {
            h = (h ^ eventId.charAt(i)) * seed;
            h ^= h >>> 29;
        }
        h ^= eventId.length();
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }

    /**
     * An open-addressed set of fingerprints with linear probing, at most half full; a slot whose
     * {@code low} word is 0 is free (every stored {@code low} has its lowest bit set).
     */
    private static final class Generation {
        /** A power of two, twice {@link #MAX_IDS_PER_GENERATION} rounded up. */
        private static final int SLOTS = Integer.highestOneBit(MAX_IDS_PER_GENERATION * 2 - 1) << 1;

        private final long[] highs = new long[SLOTS];
        private final long[] lows = new long[SLOTS];
        /** Fingerprints stored since the last {@link #clear}. */
        private int size;

        boolean contains(long high, long low) {
            for (int slot = (int) high & (SLOTS - 1); lows[slot] != 0; slot = (slot + 1) & (SLOTS - 1)) {
                if (lows[slot] == low && highs[slot] == high) {
                    return true;
                }
            }
            return false;
        }

        void add(long high, long low) {
            int slot = (int) high & (SLOTS - 1);
            while (lows[slot] != 0) {
                if (lows[slot] == low && highs[slot] == high) {
                    return;
                }
                slot = (slot + 1) & (SLOTS - 1);
            }
            highs[slot] = high;
            lows[slot] = low;
            size++;
        }

        void clear() {
            Arrays.fill(highs, 0);
            Arrays.fill(lows, 0);
            size = 0;
        }
    }
}
