package dev.footfall.server.rollup;

import dev.footfall.server.event.EventKind;
import dev.footfall.server.lookup.Dimension;
import dev.footfall.server.session.Buckets;
import dev.footfall.server.session.VisitState;
import dev.footfall.server.sql.MultiRowInsert;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The visit facts of a batch (migration V12): per visit and site-local day ({@code visit_days}) and
 * per visit, day and page ({@code visit_pages}), the batch's pageviews, pageviews plus custom
 * events and engagement time, and per visit, day, page and custom property pair ({@code visit_props})
 * the pageviews and custom events carrying the pair, added to what the rows hold, each row carrying the visit's
 * dimension ids; and on the row of the day the visit started, the visit's own counters (a visit,
 * its bounce, duration, pageviews and exit page), set to its totals after the batch. Filtered
 * reports read these rows instead of joining events to visits ({@code query.FactReader}). Written
 * in the batch's transaction, so the facts always agree with the raw rows.
 *
 * <p>Cost per batch: one multi-row upsert of a row per visit and day the batch touched (plus the
 * start day's row when the batch has no event on it), one of a row per visit, day and page, one of
 * a row per visit, day, page and property pair when the batch has events with properties, and no
 * reads. A visit whose start moved to an earlier day within the batch (an event older than its
 * first) has the visit counters of the two following days' rows cleared by one more statement.
 */
public final class VisitFacts {
    /** What the facts need of one stored event. */
    public record Event(int siteId, ZoneId zone, long tsMs, EventKind kind, int pageId, int engagementMs, long visitId, List<Integer> propIds) {
    }

    /** The visit dimension columns, in {@link Dimension#VISIT}'s order, as both tables name them. */
    public static final List<String> DIM_COLUMNS = Dimension.VISIT.stream().map(Dimension::column).toList();
    private static final String DIMS = String.join(", ", DIM_COLUMNS);
    private static final String UPSERT_DAYS = "INSERT INTO visit_days (site_id, day, visit_id, visitor_id, entry_page_id, " + DIMS
            + ", country, pageviews, events, engagement_ms, visits, bounce, duration_ms, visit_pageviews, exit_page_id) VALUES ";
    static final String UPSERT_DAYS_TAIL = " ON DUPLICATE KEY UPDATE pageviews = pageviews + VALUES(pageviews),"
            + " events = events + VALUES(events), engagement_ms = engagement_ms + VALUES(engagement_ms), visits = VALUES(visits),"
            + " bounce = VALUES(bounce), duration_ms = VALUES(duration_ms), visit_pageviews = VALUES(visit_pageviews),"
            + " exit_page_id = VALUES(exit_page_id)";
    private static final String UPSERT_PROPS = "INSERT INTO visit_props (site_id, day, visit_id, page_id, prop_id, visitor_id, entry_page_id, "
            + DIMS + ", country, pageviews, events) VALUES ";
    private static final String UPSERT_PROPS_TAIL = " ON DUPLICATE KEY UPDATE pageviews = pageviews + VALUES(pageviews),"
            + " events = events + VALUES(events)";
    private static final String UPSERT_PAGES = "INSERT INTO visit_pages (site_id, day, visit_id, page_id, visitor_id, entry_page_id, " + DIMS
            + ", country, pageviews, events, engagement_ms) VALUES ";
    static final String UPSERT_PAGES_TAIL = " ON DUPLICATE KEY UPDATE pageviews = pageviews + VALUES(pageviews),"
            + " events = events + VALUES(events), engagement_ms = engagement_ms + VALUES(engagement_ms)";

    private VisitFacts() {
    }

    private record DayKey(long visitId, int day) {
    }

    private record PageKey(long visitId, int day, int pageId) {
    }

    private record PropKey(long visitId, int day, int pageId, int propId) {
    }

    /** Per visit in the batch: its zone, earliest event and number of pageviews and custom events. */
    private static final class Seen {
        ZoneId zone;
        long minTs = Long.MAX_VALUE;
        int counted;
    }

    /** Upserts the facts of {@code events}, whose visits after the batch are {@code visits}, inside the caller's transaction. */
    public static void write(Connection c, List<Event> events, Collection<VisitState> visits) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        Map<DayKey, long[]> days = new LinkedHashMap<>();
        Map<PageKey, long[]> pages = new LinkedHashMap<>();
        Map<PropKey, long[]> props = new LinkedHashMap<>();
        Map<Long, Seen> seen = new HashMap<>();
        for (Event e : events) {
            int day = Buckets.day(e.tsMs(), e.zone());
            long[] counts = {e.kind() == EventKind.PAGEVIEW ? 1 : 0, e.kind() == EventKind.ENGAGEMENT ? 0 : 1,
                    e.kind() == EventKind.ENGAGEMENT ? e.engagementMs() : 0};
            add(days.computeIfAbsent(new DayKey(e.visitId(), day), k -> new long[3]), counts);
            add(pages.computeIfAbsent(new PageKey(e.visitId(), day, e.pageId()), k -> new long[3]), counts);
            if (e.kind() != EventKind.ENGAGEMENT) {
                for (Integer prop : e.propIds()) {
                    if (prop != null) {
                        add(props.computeIfAbsent(new PropKey(e.visitId(), day, e.pageId(), prop), k -> new long[3]), counts);
                    }
                }
            }
            Seen s = seen.computeIfAbsent(e.visitId(), k -> new Seen());
            s.zone = e.zone();
            s.minTs = Math.min(s.minTs, e.tsMs());
            s.counted += (int) counts[1];
        }
        Map<Long, VisitState> byId = new HashMap<>();
        List<VisitState> moved = new ArrayList<>();
        for (VisitState v : visits) {
            Seen s = seen.get(v.visitId());
            if (s == null) {
                continue;
            }
            byId.put(v.visitId(), v);
            days.putIfAbsent(new DayKey(v.visitId(), Buckets.day(v.startTs(), s.zone)), new long[3]);
            if (v.events() > s.counted && v.startTs() >= s.minTs) {
                moved.add(v);
            }
        }
        try (MultiRowInsert upsert = new MultiRowInsert(c, UPSERT_DAYS, UPSERT_DAYS_TAIL + " /* VisitFacts.days */")) {
            for (Map.Entry<DayKey, long[]> e : days.entrySet()) {
                VisitState v = byId.get(e.getKey().visitId());
                if (v == null) {
                    continue;
                }
                long[] k = e.getValue();
                visit(upsert.row(), v, e.getKey().day()).value(k[0]).value(k[1]).value(k[2]);
                boolean start = e.getKey().day() == Buckets.day(v.startTs(), seen.get(v.visitId()).zone);
                if (start) {
                    upsert.value(1).value(v.bounce() ? 1 : 0).value(v.durationMs()).value(v.pageviews()).value(v.exitPageId());
                } else {
                    upsert.value(0).value(0).value(0).value(0).value(0);
                }
            }
            upsert.finish();
        }
        try (MultiRowInsert upsert = new MultiRowInsert(c, UPSERT_PAGES, UPSERT_PAGES_TAIL + " /* VisitFacts.pages */")) {
            for (Map.Entry<PageKey, long[]> e : pages.entrySet()) {
                VisitState v = byId.get(e.getKey().visitId());
                if (v == null) {
                    continue;
                }
                long[] k = e.getValue();
                upsert.row().value(v.siteId()).value(e.getKey().day()).value(v.visitId()).value(e.getKey().pageId()).value(v.visitorId())
                        .value(v.entryPageId());
                dims(upsert, v).value(k[0]).value(k[1]).value(k[2]);
            }
            upsert.finish();
        }
        if (!props.isEmpty()) {
            try (MultiRowInsert upsert = new MultiRowInsert(c, UPSERT_PROPS, UPSERT_PROPS_TAIL + " /* VisitFacts.props */")) {
                for (Map.Entry<PropKey, long[]> e : props.entrySet()) {
                    VisitState v = byId.get(e.getKey().visitId());
                    if (v == null) {
                        continue;
                    }
                    long[] k = e.getValue();
                    upsert.row().value(v.siteId()).value(e.getKey().day()).value(v.visitId()).value(e.getKey().pageId())
                            .value(e.getKey().propId()).value(v.visitorId()).value(v.entryPageId());
                    dims(upsert, v).value(k[0]).value(k[1]);
                }
                upsert.finish();
            }
        }
        if (!moved.isEmpty()) {
            clearLaterStarts(c, moved, seen);
        }
    }

    /** A visit whose first event came after a later one: the rows of the days after its start no longer carry its counters. */
    private static void clearLaterStarts(Connection c, List<VisitState> moved, Map<Long, Seen> seen) throws SQLException {
        String sql = "UPDATE visit_days SET visits = 0, bounce = 0, duration_ms = 0, visit_pageviews = 0, exit_page_id = 0"
                + " WHERE site_id = ? AND day IN (?, ?) AND visit_id = ? /* VisitFacts.clearLaterStarts */";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (VisitState v : moved) {
                int start = Buckets.day(v.startTs(), seen.get(v.visitId()).zone);
                ps.setInt(1, v.siteId());
                ps.setInt(2, start + 1);
                ps.setInt(3, start + 2);
                ps.setLong(4, v.visitId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static MultiRowInsert visit(MultiRowInsert row, VisitState v, int day) {
        row.value(v.siteId()).value(day).value(v.visitId()).value(v.visitorId()).value(v.entryPageId());
        return dims(row, v);
    }

    private static MultiRowInsert dims(MultiRowInsert row, VisitState v) {
        for (Dimension d : Dimension.VISIT) {
            row.value(v.id(d));
        }
        return row.text(v.country());
    }

    private static void add(long[] into, long[] counts) {
        for (int i = 0; i < into.length; i++) {
            into[i] += counts[i];
        }
    }
}
