package dev.footfall.server.query;

import dev.footfall.model.stats.Filter;
import dev.footfall.model.stats.PropertyKind;
import dev.footfall.server.rollup.RollupDim;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Report cells computed from the raw {@code events} and {@code visits} rows, for filters the
 * one-dimensional rollups cannot answer (two dimensions combined, {@code !=}, {@code ~}, several
 * values). Event counters come from {@code events} joined to their visit (visit properties are
 * the visit's, fixed by its first event, exactly as the rollups book them); visit counters come
 * from {@code visits} by start time, restricted by event filters through a semi-join. Both read
 * the {@code (site_id, ts)} / {@code (site_id, start_ts)} index range, so the cost is the number
 * of the site's rows in the range: fine for a drill-down, too slow for every dashboard tile.
 *
 * <p>Visitors are distinct per bucket (hour or day), as in the rollups; visitors of a page
 * count pageviews only, all other visitors count pageviews and custom events. Engagement reports
 * carry no event name or custom properties, so reports by those leave them out (as the rollups do).
 */
final class RawReader {
    /** Visits can outlast the range they started in; event filters look this far past it. */
    private static final long VISIT_SLACK_MS = 86_400_000L;

    private RawReader() {
    }

    static Map<Cell, Counts> read(Connection c, int siteId, ZoneId zone, DateRange range, Cell.Grain grain, Optional<Column> groupBy,
                                  List<Filter> filters, boolean eventCounters, boolean visitCounters) throws SQLException {
        DimValues dims = new DimValues(c);
        long fromMs = range.startMs(zone);
        long toMs = range.endMs(zone);
        boolean pageVisitors = groupBy.map(g -> g.property().kind() == PropertyKind.PAGE).orElse(false)
                || filters.stream().anyMatch(f -> f.property().kind() == PropertyKind.PAGE);
        boolean noEngagement = groupBy.map(g -> g.rollupDim() == RollupDim.EVENT_NAME || g.rollupDim() == RollupDim.PROP).orElse(false)
                || filters.stream().anyMatch(f -> f.property().kind() == PropertyKind.NAME || f.property().kind() == PropertyKind.PROPS);
        Sql visitWhere = Conditions.all(filters, false, dims);
        List<Filter> eventFilters = Conditions.onEvents(filters);
        if (!eventFilters.isEmpty()) {
            visitWhere = visitWhere.then(visitsWithEvent(siteId, fromMs, toMs, false, Conditions.all(eventFilters, true, dims)));
        }
        Selection selection = new Selection(groupBy.map(g -> List.of(g.raw())).orElse(List.of()),
                Conditions.all(filters, true, dims).then(Conditions.all(filters, false, dims)), visitWhere, pageVisitors, noEngagement);
        return read(c, siteId, zone, fromMs, toMs, grain, selection, eventCounters, visitCounters);
    }

    /**
     * What a raw read groups by and which rows it keeps: {@code groups} are raw expressions (none: the
     * site total; one: the cell's group is its value; several: a list of their values, in order);
     * {@code eventWhere} and {@code visitWhere} are conditions ({@code " AND …"}) on the events query
     * ({@code e} joined to its visit {@code v}) and on the visits query ({@code v} alone).
     */
    record Selection(List<Sql> groups, Sql eventWhere, Sql visitWhere, boolean pageVisitors, boolean noEngagement) {
        Selection {
            groups = List.copyOf(groups);
        }
    }

    /** {@code " AND v.id IN (…)"}: visits with a pageview or custom event in the range (and a day's slack) meeting {@code condition}. */
    static Sql visitsWithEvent(int siteId, long fromMs, long toMs, boolean joinVisit, Sql condition) {
        return Sql.of(" AND v.id IN (SELECT e.visit_id FROM events e" + (joinVisit ? " JOIN visits v ON v.id = e.visit_id" : "")
                        + " WHERE e.site_id = ? AND e.ts >= ? AND e.ts < ? AND e.kind <> 3", siteId, fromMs, toMs + VISIT_SLACK_MS)
                .then(condition).then(")");
    }

    /** Cells of events with {@code ts} in [fromMs, toMs) and visits starting there, as {@code selection} groups and keeps them. */
    static Map<Cell, Counts> read(Connection c, int siteId, ZoneId zone, long fromMs, long toMs, Cell.Grain grain, Selection selection,
                                  boolean eventCounters, boolean visitCounters) throws SQLException {
        Map<Cell, Counts> cells = new HashMap<>();
        int groups = selection.groups().size();
        Sql group = Sql.of("0");
        Sql notNull = Sql.of("");
        for (int i = 0; i < groups; i++) {
            group = (i == 0 ? Sql.of("") : group.then(", ")).then(selection.groups().get(i));
            notNull = notNull.then(" AND ").then(selection.groups().get(i)).then(" IS NOT NULL");
        }
        int at = Math.max(1, groups) + 1;
        String groupBy = " GROUP BY " + IntStream.rangeClosed(1, at).mapToObj(String::valueOf).collect(Collectors.joining(", "));
        if (eventCounters) {
            Sql sql = Sql.of("SELECT ").then(group).then(", " + LocalClock.bucket("e.ts", zone, fromMs, toMs, grain)
                    + ", COUNT(DISTINCT CASE WHEN " + (selection.pageVisitors() ? "e.kind = 1" : "e.kind <> 3") + " THEN e.visitor_id END),"
                    + " SUM(CASE WHEN e.kind = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN e.kind <> 3 THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN e.kind = 3 THEN e.engagement_ms ELSE 0 END)"
                    + " FROM events e JOIN visits v ON v.id = e.visit_id WHERE e.site_id = ? AND e.ts >= ? AND e.ts < ?")
                    .then(new Sql(selection.noEngagement() ? " AND e.kind <> 3" : "", List.of(siteId, fromMs, toMs)))
                    .then(selection.eventWhere()).then(notNull)
                    .then(groupBy + " /* RawReader.events */");
            run(c, sql, rs -> {
                Counts k = cell(cells, rs, groups);
                k.addEvents(rs, at + 1);
            });
        }
        if (visitCounters) {
            Sql sql = Sql.of("SELECT ").then(group).then(", " + LocalClock.bucket("v.start_ts", zone, fromMs, toMs, grain)
                    + ", COUNT(*), SUM(v.bounce), SUM(v.end_ts - v.start_ts), SUM(v.pageviews)"
                    + " FROM visits v WHERE v.site_id = ? AND v.start_ts >= ? AND v.start_ts < ?")
                    .then(new Sql("", List.of(siteId, fromMs, toMs)))
                    .then(selection.visitWhere()).then(groupBy + " /* RawReader.visits */");
            run(c, sql, rs -> {
                Counts k = cell(cells, rs, groups);
                k.addVisits(rs, at + 1);
            });
        }
        return cells;
    }

    private static Object group(ResultSet rs, int column) throws SQLException {
        Object group = rs.getObject(column);
        return group instanceof Number n ? n.intValue() : group;
    }

    static Counts cell(Map<Cell, Counts> cells, ResultSet rs, int groups) throws SQLException {
        Object group = 0;
        if (groups == 1) {
            group = group(rs, 1);
        } else if (groups > 1) {
            List<Object> values = new ArrayList<>(groups);
            for (int i = 1; i <= groups; i++) {
                values.add(group(rs, i));
            }
            group = values;
        }
        return cells.computeIfAbsent(new Cell(group, rs.getInt(Math.max(1, groups) + 1)), k -> new Counts());
    }

    interface RowHandler {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Runs {@code sql} with its parameters and hands each row to {@code handler}. */
    static void run(Connection c, Sql sql, RowHandler handler) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.text())) {
            for (int i = 0; i < sql.params().size(); i++) {
                ps.setObject(i + 1, sql.params().get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.accept(rs);
                }
            }
        }
    }
}
