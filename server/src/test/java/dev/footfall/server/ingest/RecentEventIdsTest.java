package dev.footfall.server.ingest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Ids are remembered for at least one generation and at most two, per site, and the count is bounded. */
class RecentEventIdsTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final RecentEventIds ids = new RecentEventIds(now::get);

    @Test
    void anIdIsSeenForFiveToTenMinutes() {
        ids.remember(1, "a");
        assertTrue(ids.seen(1, "a"));
        assertFalse(ids.seen(1, "b"));
        now.addAndGet(RecentEventIds.GENERATION_MS);
        ids.remember(1, "b");
        assertTrue(ids.seen(1, "a"), "one rotation keeps the older generation");
        now.addAndGet(RecentEventIds.GENERATION_MS);
        ids.remember(1, "c");
        assertFalse(ids.seen(1, "a"), "the second rotation drops it");
        assertTrue(ids.seen(1, "b"));
    }

    @Test
    void theSameIdOnAnotherSiteIsAnotherEvent() {
        ids.remember(1, "a");
        assertFalse(ids.seen(2, "a"));
        assertFalse(ids.seen(1, "a "));
    }

    @Test
    void aFullGenerationRotatesEarly() {
        for (int i = 0; i < RecentEventIds.MAX_IDS_PER_GENERATION; i++) {
            ids.remember(1, String.valueOf(i));
        }
        ids.remember(1, "next");
        assertTrue(ids.seen(1, "0"));
        for (int i = 0; i < RecentEventIds.MAX_IDS_PER_GENERATION; i++) {
            ids.remember(2, String.valueOf(i));
        }
        ids.remember(2, "next");
        assertFalse(ids.seen(1, "0"), "at most two generations are kept");
        assertTrue(ids.seen(2, "0"));
    }

    @Test
    void everyIdOfAFullGenerationIsFoundAndNoOtherIs() {
        for (int i = 0; i < RecentEventIds.MAX_IDS_PER_GENERATION; i++) {
            ids.remember(7, "e" + i);
        }
        for (int i = 0; i < RecentEventIds.MAX_IDS_PER_GENERATION; i++) {
            assertTrue(ids.seen(7, "e" + i), "e" + i);
            assertFalse(ids.seen(7, "f" + i), "f" + i);
        }
    }
}
