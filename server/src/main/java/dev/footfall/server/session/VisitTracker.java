package dev.footfall.server.session;

import dev.footfall.server.cache.CacheKeys;
import dev.footfall.server.event.EventKind;
import dev.footfall.server.event.Hit;
import dev.footfall.server.lookup.Dimension;
import dev.footfall.server.lookup.HitIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds visits from a batch of hits. For each hit it finds the visitor's open visit (30 minutes
 * idle ends one; a visit over midnight is found under the visitor's previous-day id), applies the
 * hit and records the {@link Transition}. Events of one visitor inside a batch see each other's
 * effects. It holds no state: the visit state comes in as read with the batch's one pipelined
 * Redis call, and goes out as state lines that the writer saves once the batch has committed. What the visits mean for the rollups is {@code rollup.RollupBooker}'s job.
 */
public final class VisitTracker {
    public static final long IDLE_MS = Duration.ofMinutes(30).toMillis();

    /**
     * The visits of one batch: a transition per hit ({@code null} for a hit that is ignored: an
     * engagement report with no open visit), the visits as they now stand, and their state lines
     * to save once the batch has committed.
     */
    public record Visits(List<Transition> transitions, Map<Long, VisitState> visits, Map<String, String> states) {
        public boolean ignored(int i) {
            return transitions.get(i) == null;
        }
    }

    /** {@code loaded}: the state of {@link #stateKeys} already read (only the keys that exist). */
    public Visits track(List<Hit> hits, List<HitIds> ids, Map<String, String> loaded) {
        Map<String, VisitState> open = new HashMap<>();
        Map<Long, VisitState> visits = new LinkedHashMap<>();
        List<Transition> transitions = new ArrayList<>(hits.size());
        for (int i = 0; i < hits.size(); i++) {
            Hit hit = hits.get(i);
            int siteId = hit.site().id();
            long visitor = hit.visitor().id();
            VisitState state = openVisit(open, loaded, siteId, visitor);
            long previousId = hit.visitor().previousId();
            if (state == null && previousId != 0) {
                VisitState previous = openVisit(open, loaded, siteId, previousId);
                if (previous != null && hit.tsMs() - previous.lastTs() <= IDLE_MS) {
                    state = previous;
                    visitor = previousId;
                }
            }
            boolean newVisit = state == null || hit.tsMs() - state.lastTs() > IDLE_MS;
            if (newVisit && hit.kind() == EventKind.ENGAGEMENT) {
                transitions.add(null);
                continue;
            }
            VisitState before = newVisit ? null : state;
            VisitState after = apply(before, hit, ids.get(i), visitor);
            open.put(CacheKeys.visit(siteId, visitor), after);
            visits.put(after.visitId(), after);
            transitions.add(new Transition(hit, ids.get(i), visitor, before, after));
        }
        Map<String, String> states = new HashMap<>();
        open.forEach((key, state) -> {
            if (state != null) {
                states.put(key, state.encode());
            }
        });
        return new Visits(transitions, visits, states);
    }

    /** The state keys a batch of hits reads: each visitor's open visit, under both its ids. */
    public static Set<String> stateKeys(List<Hit> hits) {
        Set<String> keys = new HashSet<>();
        for (Hit hit : hits) {
            keys.add(CacheKeys.visit(hit.site().id(), hit.visitor().id()));
            if (hit.visitor().previousId() != 0) {
                keys.add(CacheKeys.visit(hit.site().id(), hit.visitor().previousId()));
            }
        }
        return keys;
    }

    /**
     * The visitor locks a batch of hits takes (both ids of each visitor), so that no other server
     * reads or writes these visitors' state between this batch's read and its save.
     */
    public static Set<String> lockKeys(List<Hit> hits) {
        Set<String> keys = new HashSet<>();
        for (Hit hit : hits) {
            keys.add(CacheKeys.visitorLock(hit.site().id(), hit.visitor().id()));
            if (hit.visitor().previousId() != 0) {
                keys.add(CacheKeys.visitorLock(hit.site().id(), hit.visitor().previousId()));
            }
        }
        return keys;
    }

    private static VisitState openVisit(Map<String, VisitState> open, Map<String, String> loaded, int siteId, long visitor) {
        String key = CacheKeys.visit(siteId, visitor);
        if (open.containsKey(key)) {
            return open.get(key);
        }
        String text = loaded.get(key);
        VisitState state = text == null ? null : VisitState.decode(text);
        open.put(key, state);
        return state;
    }

    /** The visit after {@code hit}: a new one when {@code s} is null, else {@code s} with the hit's counts. */
    static VisitState apply(VisitState s, Hit hit, HitIds ids, long visitor) {
        int pageview = hit.kind() == EventKind.PAGEVIEW ? 1 : 0;
        int counted = hit.kind() == EventKind.ENGAGEMENT ? 0 : 1;
        int interactive = hit.interactiveCustomEvent() ? 1 : 0;
        int page = ids.get(Dimension.PAGE);
        if (s == null) {
            return new VisitState(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), visitor, hit.site().id(), hit.tsMs(),
                    hit.tsMs(), pageview, counted, interactive, page, page, ids.dims(), hit.country(), List.of(page));
        }
        return new VisitState(s.visitId(), s.visitorId(), s.siteId(), Math.min(s.startTs(), hit.tsMs()), Math.max(s.lastTs(), hit.tsMs()),
                s.pageviews() + pageview, s.events() + counted, s.interactiveEvents() + interactive, s.entryPageId(),
                pageview == 1 && hit.tsMs() >= s.lastTs() ? page : s.exitPageId(), s.dims(), s.country(),
                counted == 1 ? s.withPage(page) : s.pageIds());
    }
}
