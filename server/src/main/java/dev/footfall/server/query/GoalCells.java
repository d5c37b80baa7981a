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

    /**
     * Each goal's totals over {@code range} (no other filter, no group, no buckets), as {@link #read}
     * gives them, for the goals whose facts hold every day of the range: one read of their fills,
     * then per group of goals built through the same day one statement over their daily rows and
     * one (two with revenue) over the per-visit rows of the later days, instead of three or more
     * reads a goal. The other goals, and all of them when a day of the range is marked for a
     * rebuild, are absent: read them one by one.
     */
    static Map<Goal, Conversions.Result> totals(Connection c, Site site, List<Goal> goals, DateRange range, boolean revenue)
            throws SQLException {
        Map<Goal, Conversions.Result> results = new HashMap<>();
        Map<Integer, GoalFills.State> fills = GoalFills.of(c, goals.stream().map(Goal::id).toList());
        // Built-through day (or one before the range when nothing is built) → fill id → goal.
        Map<Integer, Map<Integer, Goal>> byBuilt = new HashMap<>();
        for (Goal goal : goals) {
            GoalFills.State state = fills.get(goal.id());
            if (state != null && filledThroughout(state, range)) {
                int built = state.built(range.firstDay()) ? Math.min(state.builtThrough(), range.lastDay()) : range.firstDay() - 1;
                byBuilt.computeIfAbsent(built, x -> new HashMap<>()).put(state.fillId(), goal);
            }
        }
        if (byBuilt.isEmpty() || !marked(c, site.id(), range).isEmpty()) {
            return results;
        }
        Map<Goal, Conversions.Counted> sums = new HashMap<>();
        for (Map.Entry<Integer, Map<Integer, Goal>> group : byBuilt.entrySet()) {
            Map<Integer, Goal> byFill = group.getValue();
            byFill.values().forEach(g -> sums.put(g, new Conversions.Counted()));
            String in = String.join(", ", byFill.keySet().stream().sorted().map(String::valueOf).toList());
            int built = group.getKey();
            if (built >= range.firstDay()) {
                Sql sql = Sql.of("SELECT fill_id, currency, SUM(visitors), SUM(conversions), SUM(revenue), SUM(revenue_events) FROM goal_days"
                        + " WHERE site_id = ? AND fill_id IN (" + in + ") AND dim = ? AND day >= ? AND day <= ?"
                        + (revenue ? "" : " AND currency = ''") + " GROUP BY fill_id, currency /* GoalCells.totals */", site.id(),
                        RollupDim.TOTAL.code(), range.firstDay(), built);
                RawReader.run(c, sql, rs -> add(sums.get(byFill.get(rs.getInt(1))), rs.getString(2), rs, 3));
            }
            if (built < range.lastDay()) {
                String where = " FROM visit_goals WHERE site_id = ? AND fill_id IN (" + in + ") AND day > ? AND day <= ?";
                // Visitors are distinct per day, so the per-visit rows are counted by day first.
                Sql counts = Sql.of("SELECT fill_id, SUM(n), SUM(k) FROM (SELECT fill_id, day, COUNT(DISTINCT visitor_id) n,"
                        + " SUM(conversions) k" + where + " GROUP BY fill_id, day) d GROUP BY fill_id /* GoalCells.recent */",
                        site.id(), built, range.lastDay());
                RawReader.run(c, counts, rs -> {
                    Conversions.Counted k = sums.get(byFill.get(rs.getInt(1)));
                    k.visitors += rs.getLong(2);
                    k.events += rs.getLong(3);
                });
                if (revenue) {
                    Sql money = Sql.of("SELECT fill_id, currency, 0, 0, SUM(revenue), SUM(revenue_events)" + where
                            + " AND currency <> '' GROUP BY fill_id, currency /* GoalCells.recentRevenue */", site.id(), built, range.lastDay());
                    RawReader.run(c, money, rs -> add(sums.get(byFill.get(rs.getInt(1))), rs.getString(2), rs, 3));
                }
            }
        }
        sums.forEach((goal, k) -> results.put(goal, new Conversions.Result(k.isEmpty() ? Map.of() : Map.of(new Cell("", 0), k), "goal")));
        return results;
    }

    /** True when the fill holds every day of {@code range}. */
    private static boolean filledThroughout(GoalFills.State state, DateRange range) {
        for (int day = range.firstDay(); day <= range.lastDay(); day++) {
            if (!state.filled(day)) {
                return false;
            }
        }
        return true;
    }

    /** Adds one daily row's columns from {@code at} on (visitors, conversions, revenue, revenue events) to {@code k}, by its currency. */
    private static void add(Conversions.Counted k, String currency, ResultSet rs, int at) throws SQLException {
        if (currency.isEmpty()) {
            k.visitors += rs.getLong(at);
            k.events += rs.getLong(at + 1);
        } else {
            k.revenue.computeIfAbsent(currency, x -> new Conversions.Money()).add(rs.getBigDecimal(at + 2), rs.getLong(at + 3));
        }
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
            add(k, rs.getString(3), rs, 4);
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
