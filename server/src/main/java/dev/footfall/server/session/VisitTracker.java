package dev.footfall.server.session;

import dev.footfall.server.cache.CacheKeys;
import dev.footfall.server.cache.StateStore;
import dev.footfall.server.ingest.EventKind;
import dev.footfall.server.ingest.Hit;
import dev.footfall.server.lookup.HitIds;
import dev.footfall.server.rollup.Counter;
import dev.footfall.server.rollup.RollupBatch;
import dev.footfall.server.rollup.RollupDim;
import dev.footfall.server.rollup.RollupPairs;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Turns a batch of hits into visits and rollup deltas. For each hit it finds the visitor's open
 * visit (30 minutes idle ends one), applies the hit, and books the difference the hit made:
 * event counters in the hit's hour, visit counters (visits, bounces, duration) in the visit's
 * start hour, as "remove the old visit, add the new one", so an exit page or a bounce that
 * changes is moved, not double counted. A visitor counts once per site-local day and once per
 * hour for each dimension value, remembered in a per-day seen set.
 *
 * <p>State is read with one pipelined Redis call per batch and written back after the batch
 * commits; events of one visitor inside a batch see each other's effects.
 */
public final class VisitTracker {
    public static final long IDLE_MS = Duration.ofMinutes(30).toMillis();

    private final StateStore store;

    public VisitTracker(StateStore store) {
        this.store = store;
    }

    /**
     * The result of {@link #track}: per hit its visit id and effective visitor (0 for a hit that
     * is ignored: an engagement report with no open visit), the visits as they now stand, the
     * rollup deltas, and the state to save once the batch has committed.
     */
    public record Tracked(long[] visitIds, long[] visitorIds, Map<Long, VisitState> visits, RollupBatch rollups,
                          Map<String, String> visitStates, Map<String, String> seenStates) {
        public boolean ignored(int i) {
            return visitIds[i] == 0;
        }
    }

    public Tracked track(List<Hit> hits, List<HitIds> ids) {
        return track(hits, ids, store.getAll(stateKeys(hits)));
    }

    /** As {@link #track(List, List)}, with the state of {@link #stateKeys} already read ({@code loaded}: the keys that exist). */
    public Tracked track(List<Hit> hits, List<HitIds> ids, Map<String, String> loaded) {
        Map<String, VisitState> open = new HashMap<>();
        Map<String, Map<String, Long>> seen = new HashMap<>();
        Map<Long, VisitState> visits = new LinkedHashMap<>();
        Map<String, String> seenStates = new HashMap<>();
        RollupBatch rollups = new RollupBatch();
        long[] visitIds = new long[hits.size()];
        long[] visitorIds = new long[hits.size()];

        for (int i = 0; i < hits.size(); i++) {
            Hit hit = hits.get(i);
            HitIds hitIds = ids.get(i);
            int siteId = hit.site().id();
            long visitor = hit.visitorId();
            VisitState state = openVisit(open, loaded, siteId, visitor);
            if (state == null && hit.previousVisitorId() != 0) {
                VisitState previous = openVisit(open, loaded, siteId, hit.previousVisitorId());
                if (previous != null && hit.tsMs() - previous.lastTs() <= IDLE_MS) {
                    state = previous;
                    visitor = hit.previousVisitorId();
                }
            }
            boolean newVisit = state == null || hit.tsMs() - state.lastTs() > IDLE_MS;
            if (newVisit && hit.kind() == EventKind.ENGAGEMENT) {
                continue;
            }
            VisitState before = newVisit ? null : state;
            VisitState after = apply(before, hit, hitIds, visitor);
            open.put(CacheKeys.visit(siteId, visitor), after);
            visits.put(after.visitId(), after);
            visitIds[i] = after.visitId();
            visitorIds[i] = visitor;

            ZoneId zone = hit.site().zone();
            if (before != null) {
                bookVisit(rollups, siteId, zone, before, -1);
            }
            bookVisit(rollups, siteId, zone, after, +1);
            bookEvent(rollups, hit, hitIds, after, seen, loaded, seenStates, visitor);
        }
        Map<String, String> visitStates = new HashMap<>();
        open.forEach((key, state) -> visitStates.put(key, state.encode()));
        return new Tracked(visitIds, visitorIds, visits, rollups, visitStates, seenStates);
    }

    /** Saves the state of a committed batch. */
    public void save(Tracked tracked) {
        Map<Duration, Map<String, String>> byTtl = new HashMap<>();
        byTtl.put(CacheKeys.VISIT_TTL, tracked.visitStates());
        byTtl.put(CacheKeys.SEEN_TTL, tracked.seenStates());
        store.putAll(byTtl);
    }

    /** The state keys a batch of hits reads: each visitor's open visit and its seen set of the hit's day. */
    public static Set<String> stateKeys(List<Hit> hits) {
        Set<String> keys = new HashSet<>();
        for (Hit hit : hits) {
            int siteId = hit.site().id();
            int day = Buckets.day(hit.tsMs(), hit.site().zone());
            keys.add(CacheKeys.visit(siteId, hit.visitorId()));
            keys.add(CacheKeys.seen(siteId, hit.visitorId(), day));
            if (hit.previousVisitorId() != 0) {
                keys.add(CacheKeys.visit(siteId, hit.previousVisitorId()));
                keys.add(CacheKeys.seen(siteId, hit.previousVisitorId(), day));
            }
        }
        return keys;
    }

    private static VisitState openVisit(Map<String, VisitState> open, Map<String, String> loaded, int siteId, long visitor) {
        String key = CacheKeys.visit(siteId, visitor);
        return open.computeIfAbsent(key, k -> {
            String text = loaded.get(k);
            return text == null ? null : VisitState.decode(text);
        });
    }

    private static VisitState apply(VisitState s, Hit hit, HitIds ids, long visitor) {
        int pageview = hit.kind() == EventKind.PAGEVIEW ? 1 : 0;
        int counted = hit.kind() == EventKind.ENGAGEMENT ? 0 : 1;
        int interactive = hit.interactiveCustomEvent() ? 1 : 0;
        if (s == null) {
            return new VisitState(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), visitor, hit.site().id(), hit.tsMs(), hit.tsMs(),
                    pageview, counted, interactive, ids.page(), ids.page(), ids.hostname(), ids.referrer(), ids.source(),
                    ids.utmSource(), ids.utmMedium(), ids.utmCampaign(), ids.utmTerm(), ids.utmContent(), ids.browser(),
                    ids.browserVersion(), ids.os(), ids.osVersion(), ids.deviceType(), hit.country(), List.of(ids.page()));
        }
        return new VisitState(s.visitId(), s.visitorId(), s.siteId(), Math.min(s.startTs(), hit.tsMs()), Math.max(s.lastTs(), hit.tsMs()),
                s.pageviews() + pageview, s.events() + counted, s.interactiveEvents() + interactive, s.entryPageId(),
                pageview == 1 && hit.tsMs() >= s.lastTs() ? ids.page() : s.exitPageId(), s.hostnameId(), s.referrerId(),
                s.sourceId(), s.utmSourceId(), s.utmMediumId(), s.utmCampaignId(), s.utmTermId(), s.utmContentId(),
                s.browserId(), s.browserVersionId(), s.osId(), s.osVersionId(), s.deviceTypeId(), s.country(),
                counted == 1 ? s.withPage(ids.page()) : s.pageIds());
    }

    /** Dimension values fixed for the whole visit by its first event. */
    static List<DimValue> visitDims(VisitState s) {
        List<DimValue> dims = new ArrayList<>(16);
        dims.add(new DimValue(RollupDim.TOTAL, 0));
        dims.add(new DimValue(RollupDim.SOURCE, s.sourceId()));
        dims.add(new DimValue(RollupDim.REFERRER, s.referrerId()));
        dims.add(new DimValue(RollupDim.UTM_SOURCE, s.utmSourceId()));
        dims.add(new DimValue(RollupDim.UTM_MEDIUM, s.utmMediumId()));
        dims.add(new DimValue(RollupDim.UTM_CAMPAIGN, s.utmCampaignId()));
        dims.add(new DimValue(RollupDim.UTM_TERM, s.utmTermId()));
        dims.add(new DimValue(RollupDim.UTM_CONTENT, s.utmContentId()));
        dims.add(new DimValue(RollupDim.COUNTRY, RollupDim.countryId(s.country())));
        dims.add(new DimValue(RollupDim.DEVICE_TYPE, s.deviceTypeId()));
        dims.add(new DimValue(RollupDim.BROWSER, s.browserId()));
        dims.add(new DimValue(RollupDim.BROWSER_VERSION, s.browserVersionId()));
        dims.add(new DimValue(RollupDim.OS, s.osId()));
        dims.add(new DimValue(RollupDim.OS_VERSION, s.osVersionId()));
        return dims;
    }

    record DimValue(RollupDim dim, int valueId) {
        String seenKey() {
            return dim.code() + "." + valueId;
        }
    }

    /**
     * Adds (sign = +1) or removes (-1) a visit's counters in the bucket of its start: under its
     * visit dimensions, its entry and exit page, and each page of its page set (a page's visits
     * are the visits that had a pageview or custom event on it).
     */
    private static void bookVisit(RollupBatch rollups, int siteId, ZoneId zone, VisitState s, int sign) {
        int hour = Buckets.hour(s.startTs(), zone);
        int day = Buckets.dayOfHour(hour);
        List<DimValue> dims = visitDims(s);
        dims.add(new DimValue(RollupDim.ENTRY_PAGE, s.entryPageId()));
        dims.add(new DimValue(RollupDim.EXIT_PAGE, s.exitPageId()));
        for (int page : s.pageIds()) {
            bookVisitCounters(rollups, siteId, new DimValue(RollupDim.PAGE, page), hour, day, s, sign);
        }
        for (DimValue d : dims) {
            bookVisitCounters(rollups, siteId, d, hour, day, s, sign);
            bookPairs(rollups, siteId, s, d, day, Counter.VISITS, sign);
            bookPairs(rollups, siteId, s, d, day, Counter.BOUNCES, sign * (s.bounce() ? 1 : 0));
            bookPairs(rollups, siteId, s, d, day, Counter.VISIT_DURATION_MS, sign * s.durationMs());
            bookPairs(rollups, siteId, s, d, day, Counter.VISIT_PAGEVIEWS, (long) sign * s.pageviews());
        }
    }

    private static void bookVisitCounters(RollupBatch rollups, int siteId, DimValue d, int hour, int day, VisitState s, int sign) {
        rollups.add(siteId, d.dim(), d.valueId(), hour, day, Counter.VISITS, sign);
        rollups.add(siteId, d.dim(), d.valueId(), hour, day, Counter.BOUNCES, sign * (s.bounce() ? 1 : 0));
        rollups.add(siteId, d.dim(), d.valueId(), hour, day, Counter.VISIT_DURATION_MS, sign * s.durationMs());
        rollups.add(siteId, d.dim(), d.valueId(), hour, day, Counter.VISIT_PAGEVIEWS, (long) sign * s.pageviews());
    }

    /** The visit's value of each {@link RollupPairs#FILTERS} dimension, in that order. */
    static int filterValue(VisitState s, RollupDim filter) {
        return switch (filter) {
            case SOURCE -> s.sourceId();
            case COUNTRY -> RollupDim.countryId(s.country());
            case DEVICE_TYPE -> s.deviceTypeId();
            case BROWSER -> s.browserId();
            case OS -> s.osId();
            default -> throw new IllegalArgumentException("no pair rollups filtered by " + filter);
        };
    }

    /** Books a counter delta of {@code d} under each filter value of the visit that has pair rows for it. */
    private static void bookPairs(RollupBatch rollups, int siteId, VisitState s, DimValue d, int day, Counter counter, long delta) {
        if (delta == 0 || !RollupPairs.BREAKDOWNS.contains(d.dim())) {
            return;
        }
        for (RollupDim filter : RollupPairs.FILTERS) {
            if (filter != d.dim()) {
                rollups.addPair(siteId, filter, filterValue(s, filter), d.dim(), d.valueId(), day, counter, delta);
            }
        }
    }

    /**
     * Books an event's counter delta on {@code d} under the visit's filter values and, for the
     * breakdowns kept within one page, under the event's page ({@code rollup_pair_daily} with
     * filter {@link RollupDim#PAGE}: event counters and visitors only).
     */
    private static void bookEventPairs(RollupBatch rollups, int siteId, VisitState visit, int pageId, DimValue d, int day,
                                       Counter counter, long delta) {
        bookPairs(rollups, siteId, visit, d, day, counter, delta);
        if (RollupPairs.PAGE_BREAKDOWNS.contains(d.dim())) {
            rollups.addPair(siteId, RollupDim.PAGE, pageId, d.dim(), d.valueId(), day, counter, delta);
        }
    }

    /** Counts the visitor once per day in the pair row of {@code d} within one filter value; true when that is new. */
    private static boolean bookPairVisitor(RollupBatch rollups, Map<String, Long> seenToday, int siteId, RollupDim filter,
                                           int filterValueId, DimValue d, int day) {
        if (seenToday.putIfAbsent(filter.code() + "/" + filterValueId + "/" + d.seenKey(), 1L) != null) {
            return false;
        }
        rollups.addPair(siteId, filter, filterValueId, d.dim(), d.valueId(), day, Counter.VISITORS, 1);
        return true;
    }

    private static void bookEvent(RollupBatch rollups, Hit hit, HitIds ids, VisitState visit, Map<String, Map<String, Long>> seen,
                                  Map<String, String> loaded, Map<String, String> seenStates, long visitor) {
        int siteId = hit.site().id();
        int hour = Buckets.hour(hit.tsMs(), hit.site().zone());
        int day = Buckets.dayOfHour(hour);
        List<DimValue> dims = visitDims(visit);
        dims.add(new DimValue(RollupDim.PAGE, ids.page()));
        dims.add(new DimValue(RollupDim.HOSTNAME, ids.hostname()));
        if (hit.kind() == EventKind.ENGAGEMENT) {
            for (DimValue d : dims) {
                rollups.add(siteId, d.dim(), d.valueId(), hour, day, Counter.ENGAGEMENT_MS, hit.engagementMs());
                rollups.add(siteId, d.dim(), d.valueId(), hour, day, Counter.ENGAGEMENTS, 1);
                rollups.add(siteId, d.dim(), d.valueId(), hour, day, Counter.SCROLL_DEPTH_SUM,
                        hit.scrollDepth() == null ? 0 : hit.scrollDepth());
                bookEventPairs(rollups, siteId, visit, ids.page(), d, day, Counter.ENGAGEMENT_MS, hit.engagementMs());
                bookEventPairs(rollups, siteId, visit, ids.page(), d, day, Counter.ENGAGEMENTS, 1);
                bookEventPairs(rollups, siteId, visit, ids.page(), d, day, Counter.SCROLL_DEPTH_SUM,
                        hit.scrollDepth() == null ? 0 : hit.scrollDepth());
            }
            return;
        }
        dims.add(new DimValue(RollupDim.EVENT_NAME, ids.name()));
        ids.props().forEach(prop -> dims.add(new DimValue(RollupDim.PROP, prop)));
        int pageview = hit.kind() == EventKind.PAGEVIEW ? 1 : 0;
        for (DimValue d : dims) {
            rollups.add(siteId, d.dim(), d.valueId(), hour, day, Counter.PAGEVIEWS, pageview);
            rollups.add(siteId, d.dim(), d.valueId(), hour, day, Counter.EVENTS, 1);
            bookEventPairs(rollups, siteId, visit, ids.page(), d, day, Counter.PAGEVIEWS, pageview);
            bookEventPairs(rollups, siteId, visit, ids.page(), d, day, Counter.EVENTS, 1);
        }

        String seenKey = dev.footfall.server.cache.CacheKeys.seen(siteId, visitor, day);
        Map<String, Long> seenToday = seen.computeIfAbsent(seenKey, k -> SeenSet.decode(loaded.get(k)));
        List<DimValue> counted = new ArrayList<>(dims);
        counted.add(new DimValue(RollupDim.ENTRY_PAGE, visit.entryPageId()));
        if (pageview == 0) {
            counted.removeIf(d -> d.dim() == RollupDim.PAGE);
        }
        long hourBit = 1L << (hour - day * 24);
        boolean changed = false;
        for (DimValue d : counted) {
            Long mask = seenToday.get(d.seenKey());
            if (mask == null) {
                rollups.add(siteId, d.dim(), d.valueId(), hour, day, Counter.VISITORS, 1);
            }
            if (mask == null || (mask & hourBit) == 0) {
                rollups.add(siteId, d.dim(), d.valueId(), hour, day, Counter.HOUR_VISITORS, 1);
                seenToday.put(d.seenKey(), (mask == null ? 0 : mask) | hourBit);
                changed = true;
            }
            if (RollupPairs.BREAKDOWNS.contains(d.dim())) {
                for (RollupDim filter : RollupPairs.FILTERS) {
                    if (filter != d.dim()) {
                        changed |= bookPairVisitor(rollups, seenToday, siteId, filter, filterValue(visit, filter), d, day);
                    }
                }
            }
            if (pageview == 1 && RollupPairs.PAGE_BREAKDOWNS.contains(d.dim())) {
                changed |= bookPairVisitor(rollups, seenToday, siteId, RollupDim.PAGE, ids.page(), d, day);
            }
        }
        if (changed) {
            seenStates.put(seenKey, SeenSet.encode(seenToday));
        }
    }
}
