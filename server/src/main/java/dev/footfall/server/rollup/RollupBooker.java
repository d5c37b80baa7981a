package dev.footfall.server.rollup;

import dev.footfall.server.cache.CacheKeys;
import dev.footfall.server.event.EventKind;
import dev.footfall.server.event.Hit;
import dev.footfall.server.lookup.Dimension;
import dev.footfall.server.lookup.HitIds;
import dev.footfall.server.session.Buckets;
import dev.footfall.server.session.Transition;
import dev.footfall.server.session.VisitState;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Books what each hit changed into rollup deltas: event counters in the hit's hour, visit
 * counters (visits, bounces, duration) in the visit's start hour, as "remove the visit before the
 * hit, add the visit after it", so an exit page or a bounce that changes is moved, not double
 * counted. A visitor counts once per site-local day and once per hour for each dimension value,
 * remembered in a per-day seen set ({@link SeenSet}) read with the batch's visit state.
 * ARCHITECTURE.md has the table of which counter is booked where.
 */
public final class RollupBooker {
    private RollupBooker() {
    }

    /** The deltas of one batch and the seen sets to save once it has committed. */
    public record Booked(RollupBatch rollups, Map<String, String> seenStates) {
    }

    /** The state keys booking reads: each visitor's seen set of the hit's day, under both its ids. */
    public static Set<String> stateKeys(List<Hit> hits) {
        Set<String> keys = new HashSet<>();
        for (Hit hit : hits) {
            int siteId = hit.site().id();
            int day = Buckets.day(hit.tsMs(), hit.site().zone());
            keys.add(CacheKeys.seen(siteId, hit.visitor().id(), day));
            if (hit.visitor().previousId() != 0) {
                keys.add(CacheKeys.seen(siteId, hit.visitor().previousId(), day));
            }
        }
        return keys;
    }

    /** Books every transition; {@code null} entries (ignored hits) are skipped. {@code loaded}: the state read. */
    public static Booked book(List<Transition> transitions, Map<String, String> loaded) {
        Batch batch = new Batch(loaded);
        for (Transition t : transitions) {
            if (t != null) {
                batch.book(t);
            }
        }
        return new Booked(batch.rollups, batch.seenStates);
    }

    /** A dimension value a counter is booked under. */
    record DimValue(RollupDim dim, int valueId) {
        String seenKey() {
            return dim.code() + "." + valueId;
        }
    }

    /** Dimension values fixed for the whole visit by its first event. */
    static List<DimValue> visitDims(VisitState s) {
        List<DimValue> dims = new ArrayList<>(16);
        dims.add(new DimValue(RollupDim.TOTAL, 0));
        for (Dimension d : Dimension.VISIT) {
            if (d != Dimension.HOSTNAME) {
                dims.add(new DimValue(RollupDim.of(d), s.id(d)));
            }
        }
        dims.add(new DimValue(RollupDim.COUNTRY, RollupDim.countryId(s.country())));
        return dims;
    }

    /** The visit's value of one of {@link RollupPairs#FILTERS}. */
    static int filterValue(VisitState s, RollupDim filter) {
        return switch (filter) {
            case SOURCE -> s.id(Dimension.SOURCE);
            case COUNTRY -> RollupDim.countryId(s.country());
            case DEVICE_TYPE -> s.id(Dimension.DEVICE_TYPE);
            case BROWSER -> s.id(Dimension.BROWSER);
            case OS -> s.id(Dimension.OS);
            case CHANNEL -> s.id(Dimension.CHANNEL);
            default -> throw new IllegalArgumentException("no pair rollups filtered by " + filter);
        };
    }

    /** The visit dimensions that pair rows are kept for, as filter or as breakdown: a visit tuple's dimensions. */
    private static final Set<RollupDim> TUPLE_DIMS = tupleDims();
    /** The visit dimensions kept as pair breakdowns under a visit-dimension filter. */
    private static final List<RollupDim> PAIRED_VISIT_DIMS = TUPLE_DIMS.stream().filter(RollupPairs::pairedUnderFilters).toList();

    private static Set<RollupDim> tupleDims() {
        Set<RollupDim> dims = EnumSet.copyOf(RollupPairs.FILTERS);
        dims.addAll(RollupPairs.PAGE_BREAKDOWNS);
        for (RollupDim d : RollupDim.values()) {
            if (d != RollupDim.PAGE && RollupPairs.pairedUnderFilters(d)) {
                dims.add(d);
            }
        }
        return dims;
    }

    /** The values of {@link #TUPLE_DIMS} among an event's {@code dims} (its visit's), indexed by {@link RollupDim#ordinal()}. */
    private static int[] pairTuple(List<DimValue> dims) {
        int[] tuple = SeenSet.emptyTuple();
        for (DimValue d : dims) {
            if (TUPLE_DIMS.contains(d.dim())) {
                tuple[d.dim().ordinal()] = d.valueId();
            }
        }
        return tuple;
    }

    /**
     * The booking of one batch.
     */
    private static final class Batch {
        /** The seen sets as read with the batch, by key; never written. */
        private final Map<String, String> loaded;
        /** The batch's deltas so far. */
        private final RollupBatch rollups = new RollupBatch();
        /** Decoded seen sets, by key, as this batch has changed them. */
        private final Map<String, SeenSet> seen = new HashMap<>();
        /** Encoded seen sets that changed, to save after commit. */
        private final Map<String, String> seenStates = new HashMap<>();

        Batch(Map<String, String> loaded) {
            this.loaded = loaded;
        }

        void book(Transition t) {
            ZoneId zone = t.hit().site().zone();
            int siteId = t.hit().site().id();
            VisitState before = t.before();
            VisitState after = t.after();
            if (before == null) {
                bookVisit(siteId, zone, after, +1);
            } else if (before.startTs() != after.startTs()) {
                // An earlier event arrived late and moved the visit's start: move it whole.
                bookVisit(siteId, zone, before, -1);
                bookVisit(siteId, zone, after, +1);
            } else {
                bookVisitChange(siteId, zone, before, after);
            }
            bookEvent(t.hit(), t.ids(), after, t.visitorId());
        }

        /**
         * The difference a hit made to a visit that keeps its start, as deltas: under every value
         * that stays (the visit dimensions, the entry page, the pages seen before) only the counters
         * that changed; a new page or a new exit page gets the visit whole, an old exit page loses
         * it. The same sums as removing the visit and adding it again, at a fraction of the rows:
         * the work per event no longer grows with every counter of every page the visit saw.
         */
        private void bookVisitChange(int siteId, ZoneId zone, VisitState before, VisitState after) {
            int hour = Buckets.hour(after.startTs(), zone);
            int day = Buckets.dayOfHour(hour);
            long[] change = new long[Counter.ALL.length];
            change[Counter.BOUNCES.ordinal()] = after.bounce() == before.bounce() ? 0 : after.bounce() ? 1 : -1;
            change[Counter.VISIT_DURATION_MS.ordinal()] = after.durationMs() - before.durationMs();
            change[Counter.VISIT_PAGEVIEWS.ordinal()] = after.pageviews() - before.pageviews();
            List<DimValue> dims = visitDims(after);
            dims.add(new DimValue(RollupDim.ENTRY_PAGE, after.entryPageId()));
            for (DimValue d : dims) {
                add(siteId, d, hour, change);
                bookPairs(siteId, after, d, day, change);
            }
            DimValue exitBefore = new DimValue(RollupDim.EXIT_PAGE, before.exitPageId());
            if (before.exitPageId() == after.exitPageId()) {
                add(siteId, exitBefore, hour, change);
            } else {
                add(siteId, exitBefore, hour, visitCounters(before, -1));
                add(siteId, new DimValue(RollupDim.EXIT_PAGE, after.exitPageId()), hour, visitCounters(after, +1));
            }
            long[] whole = null;
            for (int page : after.pageIds()) {
                DimValue d = new DimValue(RollupDim.PAGE, page);
                if (before.pageIds().contains(page)) {
                    add(siteId, d, hour, change);
                } else {
                    whole = whole == null ? visitCounters(after, +1) : whole;
                    add(siteId, d, hour, whole);
                }
            }
        }

        /** Adds a vector of counter deltas to the hour row (and so the day) of {@code d}; nothing when all are zero. */
        private void add(int siteId, DimValue d, int hour, long[] deltas) {
            rollups.addAll(siteId, d.dim(), d.valueId(), hour, deltas);
        }

        /** A visit's counters as a delta vector: added (sign = +1) or removed (-1). */
        private static long[] visitCounters(VisitState s, int sign) {
            long[] deltas = new long[Counter.ALL.length];
            deltas[Counter.VISITS.ordinal()] = sign;
            deltas[Counter.BOUNCES.ordinal()] = sign * (s.bounce() ? 1 : 0);
            deltas[Counter.VISIT_DURATION_MS.ordinal()] = sign * s.durationMs();
            deltas[Counter.VISIT_PAGEVIEWS.ordinal()] = (long) sign * s.pageviews();
            return deltas;
        }

        /**
         * Adds (sign = +1) or removes (-1) a visit's counters in the bucket of its start: under its
         * visit dimensions, its entry and exit page, and each page of its page set (a page's visits
         * are the visits that had a pageview or custom event on it).
         */
        private void bookVisit(int siteId, ZoneId zone, VisitState s, int sign) {
            int hour = Buckets.hour(s.startTs(), zone);
            int day = Buckets.dayOfHour(hour);
            long[] counters = visitCounters(s, sign);
            List<DimValue> dims = visitDims(s);
            dims.add(new DimValue(RollupDim.ENTRY_PAGE, s.entryPageId()));
            dims.add(new DimValue(RollupDim.EXIT_PAGE, s.exitPageId()));
            for (int page : s.pageIds()) {
                add(siteId, new DimValue(RollupDim.PAGE, page), hour, counters);
            }
            for (DimValue d : dims) {
                add(siteId, d, hour, counters);
                bookPairs(siteId, s, d, day, counters);
            }
        }

        /** Books counter deltas of {@code d} under each filter value of the visit that has pair rows for it. */
        private void bookPairs(int siteId, VisitState s, DimValue d, int day, long[] deltas) {
            if (!RollupPairs.pairedUnderFilters(d.dim())) {
                return;
            }
            for (RollupDim filter : RollupPairs.FILTERS) {
                if (RollupPairs.covers(filter, d.dim())) {
                    rollups.addPairAll(siteId, filter, filterValue(s, filter), d.dim(), d.valueId(), day, deltas);
                }
            }
        }

        /**
         * Books an event's counter deltas on {@code d} under the visit's filter values and, for the
         * breakdowns kept within one page, under the event's page ({@code rollup_pair_daily} with
         * filter {@link RollupDim#PAGE}: event counters and visitors only).
         */
        private void bookEventPairs(int siteId, VisitState visit, int pageId, DimValue d, int day, long[] deltas) {
            bookPairs(siteId, visit, d, day, deltas);
            if (RollupPairs.PAGE_BREAKDOWNS.contains(d.dim())) {
                rollups.addPairAll(siteId, RollupDim.PAGE, pageId, d.dim(), d.valueId(), day, deltas);
            }
        }

        private void bookEvent(Hit hit, HitIds ids, VisitState visit, long visitor) {
            int siteId = hit.site().id();
            int hour = Buckets.hour(hit.tsMs(), hit.site().zone());
            int day = Buckets.dayOfHour(hour);
            int page = ids.get(Dimension.PAGE);
            List<DimValue> dims = visitDims(visit);
            dims.add(new DimValue(RollupDim.PAGE, page));
            dims.add(new DimValue(RollupDim.HOSTNAME, ids.get(Dimension.HOSTNAME)));
            if (hit.kind() == EventKind.ENGAGEMENT) {
                long[] engagement = new long[Counter.ALL.length];
                engagement[Counter.ENGAGEMENT_MS.ordinal()] = hit.measures().engagementMs();
                engagement[Counter.ENGAGEMENTS.ordinal()] = 1;
                engagement[Counter.SCROLL_DEPTH_SUM.ordinal()] = hit.measures().scrollDepth() == null ? 0 : hit.measures().scrollDepth();
                for (DimValue d : dims) {
                    add(siteId, d, hour, engagement);
                    bookEventPairs(siteId, visit, page, d, day, engagement);
                }
                return;
            }
            dims.add(new DimValue(RollupDim.EVENT_NAME, ids.get(Dimension.EVENT_NAME)));
            ids.props().forEach(prop -> dims.add(new DimValue(RollupDim.PROP, prop)));
            int pageview = hit.kind() == EventKind.PAGEVIEW ? 1 : 0;
            long[] event = new long[Counter.ALL.length];
            event[Counter.PAGEVIEWS.ordinal()] = pageview;
            event[Counter.EVENTS.ordinal()] = 1;
            for (DimValue d : dims) {
                add(siteId, d, hour, event);
                bookEventPairs(siteId, visit, page, d, day, event);
            }
            countVisitor(siteId, visitor, hour, day, page, pageview == 1, visit, dims);
        }

        /**
         * Counts the visitor under each of {@code dims} (and its entry page) the first time today
         * and this hour, and in each pair row of its visit tuple and (for a pageview) of its page
         * the first time today; {@link SeenSet} says how tuples stand for the pair rows.
         */
        private void countVisitor(int siteId, long visitor, int hour, int day, int page, boolean pageview, VisitState visit,
                                  List<DimValue> dims) {
            String seenKey = CacheKeys.seen(siteId, visitor, day);
            SeenSet seenToday = seen.computeIfAbsent(seenKey, k -> SeenSet.decode(loaded.get(k)));
            List<DimValue> counted = new ArrayList<>(dims);
            counted.add(new DimValue(RollupDim.ENTRY_PAGE, visit.entryPageId()));
            if (!pageview) {
                counted.removeIf(d -> d.dim() == RollupDim.PAGE);
            }
            long hourBit = 1L << (hour - day * 24);
            boolean changed = false;
            for (DimValue d : counted) {
                String key = d.seenKey();
                Long mask = seenToday.mask(key);
                if (mask == null) {
                    rollups.add(siteId, d.dim(), d.valueId(), hour, Counter.VISITORS, 1);
                }
                if (mask == null || (mask & hourBit) == 0) {
                    rollups.add(siteId, d.dim(), d.valueId(), hour, Counter.HOUR_VISITORS, 1);
                    seenToday.setMask(key, (mask == null ? 0 : mask) | hourBit);
                    changed = true;
                }
            }
            int[] tuple = pairTuple(dims);
            int position = seenToday.indexOf(tuple);
            if (position < 0) {
                for (RollupDim dim : PAIRED_VISIT_DIMS) {
                    for (RollupDim filter : RollupPairs.FILTERS) {
                        if (RollupPairs.covers(filter, dim)
                                && !seenToday.pairCounted(filter, tuple[filter.ordinal()], dim, tuple[dim.ordinal()])) {
                            rollups.addPair(siteId, filter, tuple[filter.ordinal()], dim, tuple[dim.ordinal()], day, Counter.VISITORS, 1);
                        }
                    }
                }
                position = seenToday.add(tuple);
                changed = true;
            }
            if (pageview && !seenToday.viewed(page, position)) {
                for (RollupDim filter : RollupPairs.FILTERS) {
                    if (RollupPairs.covers(filter, RollupDim.PAGE) && !seenToday.viewedWith(page, filter, tuple[filter.ordinal()])
                            && !seenToday.legacyCounted(filter, tuple[filter.ordinal()], RollupDim.PAGE, page)) {
                        rollups.addPair(siteId, filter, tuple[filter.ordinal()], RollupDim.PAGE, page, day, Counter.VISITORS, 1);
                    }
                }
                for (RollupDim dim : RollupPairs.PAGE_BREAKDOWNS) {
                    if (!seenToday.viewedWith(page, dim, tuple[dim.ordinal()])
                            && !seenToday.legacyCounted(RollupDim.PAGE, page, dim, tuple[dim.ordinal()])) {
                        rollups.addPair(siteId, RollupDim.PAGE, page, dim, tuple[dim.ordinal()], day, Counter.VISITORS, 1);
                    }
                }
                seenToday.pageViewed(page, position);
                changed = true;
            }
            if (changed) {
                seenStates.put(seenKey, seenToday.encode());
            }
        }
    }
}
