package dev.footfall.server.query;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The visit counters of a {@link FactReader} read whose filters hold page or custom-property
 * conditions: visits starting in [firstDay, lastDay] (on their {@code visit_days} start row,
 * {@code visits = 1}) with a matching event on a {@code visit_pages} (or {@code visit_props}) row
 * of a day from their start to lastDay + 1, as the raw read's semi-join looks 24 hours past the range.
 *
 * <p>Read day by day ({@link #day}): a day's matching page rows, distinct by visit, joined to that
 * day's visit rows by their key. A visit row there that starts its visit is counted; one that
 * continues a visit begun on an earlier day (midnight crossed, {@code visits = 0}) names a visit
 * that may still lack its count, kept in {@link #later}; {@link #finish} then finds the start rows
 * of those few visits (a day back at a time, by key) and counts those that had no matching page on
 * their start day. One semi-join over the range read 4.5 s for 30 days of the 10 M-event backfill
 * and 12.5 s for 90; by day the join holds one day's rows. A day's matching page rows come from
 * {@code ix_visit_pages_page} alone ({@code rollup.FactIndexes}): for {@code /cart} on the backfill,
 * about 11 against 23 ms a day (10 days by hand, the client's start taken off).
 */
final class PageVisits {
    /** Start rows probed per statement in {@link #finish}. */
    private static final int PROBES = 500;

    private final int siteId;
    private final int firstDay;
    private final int lastDay;
    /** {@code SELECT} and the group columns, then {@code v.day}. */
    private final Sql select;
    private final int groups;
    private final String groupBy;
    private final Sql visitWhere;
    private final String pageFacts;
    private final Sql pageWhere;
    /**
     * Visits seen continuing on a day with a matching page row, by id: the earliest such day. Filled
     * by the day parts (on two connections at once), read by {@link #finish}; one read's only.
     */
    private final Map<Long, Integer> later = new ConcurrentHashMap<>();

    /**
     * {@code select} is {@code SELECT} with the group columns and {@code v.day}, {@code groupBy} groups
     * by those; {@code visitWhere} are the conditions on visit rows ({@code " AND …"} on {@code v}),
     * {@code pageWhere} those on the rows of {@code pageFacts} ({@code p}).
     */
    PageVisits(int siteId, int firstDay, int lastDay, Sql select, int groups, String groupBy, Sql visitWhere, String pageFacts, Sql pageWhere) {
        this.siteId = siteId;
        this.firstDay = firstDay;
        this.lastDay = lastDay;
        this.select = select;
        this.groups = groups;
        this.groupBy = groupBy;
        this.visitWhere = visitWhere;
        this.pageFacts = pageFacts;
        this.pageWhere = pageWhere;
    }

    /** Days whose page rows a read looks at: the range and the day after it. */
    int lastPageDay() {
        return lastDay + 1;
    }

    /** The part of {@code day} (up to {@link #lastPageDay}): counts the visits it starts, notes those it continues. */
    FactReader.Part day(int day) {
        int at = Math.max(1, groups) + 1;
        Sql sql = select.then(", SUM(v.visits), SUM(v.bounce), SUM(v.duration_ms), SUM(v.visit_pageviews),"
                        + " CASE WHEN v.visits = 0 THEN v.visit_id ELSE 0 END FROM (SELECT DISTINCT p.visit_id FROM " + pageFacts + " p"
                        + " WHERE p.site_id = ? AND p.day = ? AND p.events > 0")
                .then(new Sql("", List.of(siteId, day))).then(pageWhere)
                .then(Sql.of(") m STRAIGHT_JOIN visit_days v ON v.site_id = ? AND v.day = ? AND v.visit_id = m.visit_id WHERE ", siteId, day))
                .then(day <= lastDay ? Sql.of("(v.visits = 1").then(visitWhere).then(") OR v.visits = 0") : Sql.of("v.visits = 0"))
                .then(groupBy + ", " + (at + 5) + " /* PageVisits.day */");
        return (c, cells) -> RawReader.run(c, sql, rs -> {
            long continued = rs.getLong(at + 5);
            if (continued != 0) {
                later.merge(continued, day, Math::min);
                return;
            }
            Counts k = RawReader.cell(cells, rs, groups);
            k.addVisits(rs, at + 1);
        });
    }

    /**
     * After every day part: counts the visits noted in {@link #later} that started in the range,
     * meet the visit conditions and had no matching page row on their start day (the day parts
     * counted those). Each round probes every visit still unfound one day further back.
     */
    void finish(Connection c, Map<Cell, Counts> cells) throws SQLException {
        Map<Long, Integer> probe = new HashMap<>();
        later.forEach((id, day) -> probe.put(id, day - 1));
        probe.values().removeIf(day -> day < firstDay);
        while (!probe.isEmpty()) {
            Set<Long> found = new HashSet<>();
            List<Map.Entry<Long, Integer>> all = List.copyOf(probe.entrySet());
            for (int i = 0; i < all.size(); i += PROBES) {
                starts(c, all.subList(i, Math.min(all.size(), i + PROBES)), cells, found);
            }
            probe.keySet().removeAll(found);
            probe.replaceAll((id, day) -> day - 1);
            probe.values().removeIf(day -> day < firstDay);
        }
    }

    /** The start rows among {@code probes} (visit id, day), counted where they meet the conditions and saw no matching page that day. */
    private void starts(Connection c, List<Map.Entry<Long, Integer>> probes, Map<Cell, Counts> cells, Set<Long> found) throws SQLException {
        int at = Math.max(1, groups) + 1;
        Sql points = Sql.of("");
        for (Map.Entry<Long, Integer> p : probes) {
            points = points.then(points.text().isEmpty() ? "" : " OR ").then(Sql.of("(v.day = ? AND v.visit_id = ?)", p.getValue(), p.getKey()));
        }
        Sql sql = select.then(", v.visits, v.bounce, v.duration_ms, v.visit_pageviews, (1 = 1").then(visitWhere)
                .then("), EXISTS (SELECT 1 FROM " + pageFacts + " p WHERE p.site_id = v.site_id AND p.day = v.day AND p.visit_id = v.visit_id"
                        + " AND p.events > 0").then(pageWhere)
                .then(Sql.of("), v.visit_id FROM visit_days v WHERE v.site_id = ? AND v.visits = 1 AND (", siteId)).then(points)
                .then(") /* PageVisits.starts */");
        RawReader.run(c, sql, rs -> {
            found.add(rs.getLong(at + 7));
            if (rs.getBoolean(at + 5) && !rs.getBoolean(at + 6)) {
                Counts k = RawReader.cell(cells, rs, groups);
                k.addVisits(rs, at + 1);
            }
        });
    }
}
