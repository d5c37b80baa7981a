package dev.footfall.server.query;

import dev.footfall.model.stats.Filter;
import dev.footfall.model.stats.PropertyKind;
import dev.footfall.server.rollup.RollupDim;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        Map<Cell, Counts> cells = new HashMap<>();
        long fromMs = range.startMs(zone);
        long toMs = range.endMs(zone);
        if (eventCounters) {
            boolean pageVisitors = groupBy.map(g -> g.property().kind() == PropertyKind.PAGE).orElse(false)
                    || filters.stream().anyMatch(f -> f.property().kind() == PropertyKind.PAGE);
            boolean noEngagement = groupBy.map(g -> g.rollupDim() == RollupDim.EVENT_NAME || g.rollupDim() == RollupDim.PROP).orElse(false)
                    || filters.stream().anyMatch(f -> f.property().kind() == PropertyKind.NAME || f.property().kind() == PropertyKind.PROPS);
            Sql group = groupBy.map(Column::raw).orElse(Sql.of("0"));
            Sql sql = Sql.of("SELECT ").then(group).then(", " + LocalClock.bucket("e.ts", zone, fromMs, toMs, grain)
                    + ", COUNT(DISTINCT CASE WHEN " + (pageVisitors ? "e.kind = 1" : "e.kind <> 3") + " THEN e.visitor_id END),"
                    + " SUM(CASE WHEN e.kind = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN e.kind <> 3 THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN e.kind = 3 THEN e.engagement_ms ELSE 0 END)"
                    + " FROM events e JOIN visits v ON v.id = e.visit_id WHERE e.site_id = ? AND e.ts >= ? AND e.ts < ?")
                    .then(new Sql(noEngagement ? " AND e.kind <> 3" : "", List.of(siteId, fromMs, toMs)))
                    .then(Conditions.all(filters, true, dims)).then(Conditions.all(filters, false, dims))
                    .then(groupBy.map(g -> g.raw().then(" IS NOT NULL")).map(s -> Sql.of(" AND ").then(s)).orElse(Sql.of("")))
                    .then(" GROUP BY 1, 2 /* RawReader.events */");
            run(c, sql, rs -> {
                Counts k = cell(cells, rs, groupBy.isPresent());
                k.visitors += rs.getLong(3);
                k.pageviews += rs.getLong(4);
                k.events += rs.getLong(5);
                k.engagementMs += rs.getLong(6);
            });
        }
        if (visitCounters) {
            Sql group = groupBy.map(Column::raw).orElse(Sql.of("0"));
            Sql sql = Sql.of("SELECT ").then(group).then(", " + LocalClock.bucket("v.start_ts", zone, fromMs, toMs, grain)
                    + ", COUNT(*), SUM(v.bounce), SUM(v.end_ts - v.start_ts), SUM(v.pageviews)"
                    + " FROM visits v WHERE v.site_id = ? AND v.start_ts >= ? AND v.start_ts < ?")
                    .then(new Sql("", List.of(siteId, fromMs, toMs)))
                    .then(Conditions.all(filters, false, dims));
            List<Filter> eventFilters = Conditions.onEvents(filters);
            if (!eventFilters.isEmpty()) {
                sql = sql.then(" AND v.id IN (SELECT e.visit_id FROM events e WHERE e.site_id = ? AND e.ts >= ? AND e.ts < ? AND e.kind <> 3")
                        .then(new Sql("", List.of(siteId, fromMs, toMs + VISIT_SLACK_MS)))
                        .then(Conditions.all(eventFilters, true, dims)).then(")");
            }
            sql = sql.then(" GROUP BY 1, 2 /* RawReader.visits */");
            run(c, sql, rs -> {
                Counts k = cell(cells, rs, groupBy.isPresent());
                k.visits += rs.getLong(3);
                k.bounces += rs.getLong(4);
                k.visitDurationMs += rs.getLong(5);
                k.visitPageviews += rs.getLong(6);
            });
        }
        return cells;
    }

    private static Counts cell(Map<Cell, Counts> cells, ResultSet rs, boolean grouped) throws SQLException {
        Object group = grouped ? rs.getObject(1) : 0;
        if (group instanceof Number n) {
            group = n.intValue();
        }
        return cells.computeIfAbsent(new Cell(group, rs.getInt(2)), k -> new Counts());
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
