package dev.footfall.server.query;

import dev.footfall.model.stats.Filter;
import dev.footfall.model.stats.PropertyKind;
import dev.footfall.server.goal.Goal;
import dev.footfall.server.goal.GoalFills;
import dev.footfall.server.rollup.GoalDays;
import dev.footfall.server.rollup.RollupDim;
import dev.footfall.server.site.Site;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One goal's conversions from its goal facts (migration V14, {@code rollup.GoalFacts}), by day,
 * each site-local day of the range from one of three places: the daily goal rows
 * ({@code goal_days}) when the report has no other filter, groups by a dimension they keep, and
 * the day is built and not marked for a rebuild; else the per-visit rows ({@code visit_goals})
 * when the goal's history fill has reached the day; else the raw rows ({@link Conversions}), so
 * a report is right while the fill runs. Visitors are distinct per day in all three, so the days
 * add up. Reports these rows cannot describe (several goals, hours, filters or groups on event
 * names, hostnames, exit pages or custom properties) are left to {@link Conversions}.
 *
 * <p>Cost: two small reads of the fill's state, then per run of days from one place one
 * primary-key range (90 days of the daily rows: about 90 rows per value read).
 */
final class GoalCells {
    /** Where one day's cells come from. */
    private enum From { DAYS, VISITS, RAW }

    /** A run of consecutive days answered from one place. */
    private record Run(From from, int first, int last) {
    }

    private GoalCells() {
    }

    /** True when the goal facts hold what the report groups and filters by. */
    static boolean answers(List<Filter> rest, Optional<Column> groupBy) {
        return groupBy.map(GoalCells::held).orElse(true) && rest.stream().allMatch(f -> held(Column.of(f.property())));
    }

    /** A page (the converting event's) or a dimension fixed by the visit, which every {@code visit_goals} row carries. */
    private static boolean held(Column col) {
        return col.property().kind() == PropertyKind.PAGE
                || !col.onEvents() && col.raw().params().isEmpty() && FactReader.VISIT_COLUMNS.contains(col.raw().text());
    }

    /** The goal's cells as {@link Conversions#read} gives them, or empty when the goal has no fill (not stored). */
    static Optional<Conversions.Result> read(Connection c, Site site, Goal goal, List<Filter> rest, Optional<Column> groupBy, DateRange range,
                                             boolean byBucket, boolean revenue, Conversions raw, DimValues dims) throws SQLException {
        Optional<GoalFills.State> fill = GoalFills.of(c, goal.id());
        if (fill.isEmpty()) {
            return Optional.empty();
        }
        GoalFills.State state = fill.get();
        boolean daily = rest.isEmpty() && groupBy.map(g -> GoalDays.KEPT.contains(g.rollupDim())).orElse(true);
        boolean anyBuilt = daily && state.built(range.firstDay());
        Set<Integer> marked = anyBuilt ? marked(c, site.id(), range) : Set.of();
        List<Run> runs = new ArrayList<>();
        for (int day = range.firstDay(); day <= range.lastDay(); day++) {
            From from = daily && state.built(day) && !marked.contains(day) ? From.DAYS : state.filled(day) ? From.VISITS : From.RAW;
            Run last = runs.isEmpty() ? null : runs.getLast();
            if (last != null && last.from() == from && last.last() == day - 1) {
                runs.set(runs.size() - 1, new Run(from, last.first(), day));
            } else {
                runs.add(new Run(from, day, day));
            }
        }
        Map<Cell, Conversions.Counted> cells = new HashMap<>();
        Map<Object, Map<Integer, Conversions.Counted>> byGroup = new HashMap<>();
        boolean anyRaw = false;
        for (Run run : runs) {
            switch (run.from()) {
                case DAYS -> days(c, site, state.fillId(), groupBy, run, revenue, byGroup);
                case VISITS -> visits(c, site, state.fillId(), rest, groupBy, run, revenue, dims, byGroup);
                case RAW -> {
                    anyRaw = true;
                    DateRange part = new DateRange(LocalDate.ofEpochDay(run.first()), LocalDate.ofEpochDay(run.last()));
                    raw.fromRaw(List.of(goal), rest, groupBy, part, Cell.Grain.DAY, byBucket, revenue).cells()
                            .forEach((cell, k) -> cells.computeIfAbsent(cell, x -> new Conversions.Counted()).add(k));
                }
            }
        }
        Map<Object, String> labels = groupBy.isPresent() ? Labels.of(groupBy.get(), new Plan.FromRaw(), byGroup.keySet(), dims) : Map.of();
        byGroup.forEach((g, byDay) -> byDay.forEach((day, k) -> cells.computeIfAbsent(
                new Cell(groupBy.isPresent() ? labels.get(g) : "", byBucket ? day : 0), x -> new Conversions.Counted()).add(k)));
        cells.values().removeIf(Conversions.Counted::isEmpty);
        return Optional.of(new Conversions.Result(cells, anyRaw ? "raw" : "goal"));
    }

    private static Set<Integer> marked(Connection c, int siteId, DateRange range) throws SQLException {
        return days(c, "SELECT DISTINCT day FROM goal_dirty WHERE site_id = ? AND day >= ? AND day <= ? /* GoalCells.marked */",
                siteId, range.firstDay(), range.lastDay());
    }

    private static Set<Integer> days(Connection c, String sql, Object... params) throws SQLException {
        Set<Integer> days = new HashSet<>();
        RawReader.run(c, Sql.of(sql, params), rs -> days.add(rs.getInt(1)));
        return days;
    }

    /** Cells of the daily rows: the dimension's row per value and day (TOTAL without a group). */
    private static void days(Connection c, Site site, int fillId, Optional<Column> groupBy, Run run, boolean revenue,
                             Map<Object, Map<Integer, Conversions.Counted>> byGroup) throws SQLException {
        RollupDim dim = groupBy.map(Column::rollupDim).orElse(RollupDim.TOTAL);
        Sql sql = Sql.of("SELECT value_id, day, currency, visitors, conversions, revenue, revenue_events FROM goal_days WHERE site_id = ?"
                + " AND fill_id = ? AND dim = ? AND day >= ? AND day <= ?" + (revenue ? "" : " AND currency = ''")
                + " /* GoalCells.days */", site.id(), fillId, dim.code(), run.first(), run.last());
        RawReader.run(c, sql, rs -> {
            Object group = groupBy.isPresent() ? (Object) rs.getInt(1) : 0;
            Conversions.Counted k = byGroup.computeIfAbsent(group, x -> new HashMap<>()).computeIfAbsent(rs.getInt(2),
                    x -> new Conversions.Counted());
            String currency = rs.getString(3);
            if (currency.isEmpty()) {
                k.visitors += rs.getLong(4);
                k.events += rs.getLong(5);
            } else {
                k.revenue.computeIfAbsent(currency, x -> new Conversions.Money()).add(rs.getBigDecimal(6), rs.getLong(7));
            }
        });
    }

    /** Cells of the per-visit rows, with the other filters on the visit's dimensions and the converting event's page. */
    private static void visits(Connection c, Site site, int fillId, List<Filter> rest, Optional<Column> groupBy, Run run, boolean revenue,
                               DimValues dims, Map<Object, Map<Integer, Conversions.Counted>> byGroup) throws SQLException {
        Sql group = groupBy.map(g -> FactReader.alias(g.raw(), "v")).orElse(Sql.of("0"));
        Sql where = Sql.of(" FROM visit_goals v WHERE v.site_id = ? AND v.fill_id = ? AND v.day >= ? AND v.day <= ?", site.id(), fillId,
                run.first(), run.last());
        for (Filter f : rest) {
            where = where.then(" AND ").then(FactReader.alias(Conditions.of(f, dims), "v"));
        }
        Sql counts = Sql.of("SELECT ").then(group).then(", v.day, COUNT(DISTINCT v.visitor_id), SUM(v.conversions)").then(where)
                .then(" GROUP BY 1, 2 /* GoalCells.visits */");
        RawReader.run(c, counts, rs -> {
            Conversions.Counted k = cell(byGroup, rs);
            k.visitors += rs.getLong(3);
            k.events += rs.getLong(4);
        });
        if (revenue) {
            Sql money = Sql.of("SELECT ").then(group).then(", v.day, v.currency, SUM(v.revenue), SUM(v.revenue_events)").then(where)
                    .then(" AND v.currency <> '' GROUP BY 1, 2, 3 /* GoalCells.revenue */");
            RawReader.run(c, money, rs -> cell(byGroup, rs).revenue.computeIfAbsent(rs.getString(3), x -> new Conversions.Money())
                    .add(rs.getBigDecimal(4), rs.getLong(5)));
        }
    }

    private static Conversions.Counted cell(Map<Object, Map<Integer, Conversions.Counted>> byGroup, ResultSet rs) throws SQLException {
        Object group = rs.getObject(1);
        if (group instanceof Number n) {
            group = n.intValue();
        }
        return byGroup.computeIfAbsent(group, x -> new HashMap<>()).computeIfAbsent(rs.getInt(2), x -> new Conversions.Counted());
    }
}
