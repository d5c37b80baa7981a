package dev.footfall.server.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.footfall.server.event.Hit;
import java.time.Duration;
import java.util.List;

/**
 * Event ids this server spooled in the last ten minutes, so a tracker's retry of an event it
 * already acknowledged is answered as a duplicate at once, without a Redis round trip on the
 * request path. It is a courtesy for the answer only: the drainer's Redis claim is what makes an
 * event count once, across servers and restarts. Bounded at {@value #MAX_IDS} ids (about 20 MB).
 */
final class RecentEventIds {
    static final int MAX_IDS = 200_000;

    /** Site id + event id of recently spooled events; entries expire ten minutes after writing. */
    private final Cache<String, Boolean> seen = Caffeine.newBuilder()
            .maximumSize(MAX_IDS)
            .expireAfterWrite(Duration.ofMinutes(10))
            .build();

    /** True when every hit carries an id this server spooled recently: the request is a retry. */
    boolean allSeen(List<Hit> hits) {
        for (Hit hit : hits) {
            if (hit.eventId() == null || seen.getIfPresent(key(hit)) == null) {
                return false;
            }
        }
        return true;
    }

    /** Remembers the ids of hits just spooled. */
    void remember(List<Hit> hits) {
        for (Hit hit : hits) {
            if (hit.eventId() != null) {
                seen.put(key(hit), Boolean.TRUE);
            }
        }
    }

    private static String key(Hit hit) {
        return hit.site().id() + ":" + hit.eventId();
    }
}
