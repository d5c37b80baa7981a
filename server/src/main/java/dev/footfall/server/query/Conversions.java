package dev.footfall.server.query;

import dev.footfall.model.stats.Filter;
import dev.footfall.model.stats.Metric;
import dev.footfall.model.stats.Property;
import dev.footfall.model.stats.PropertyKind;
import dev.footfall.server.goal.Goal;
import dev.footfall.server.goal.PathPattern;
import dev.footfall.server.lookup.Dimension;
import dev.footfall.server.rollup.RollupDim;
import dev.footfall.server.site.Site;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The conversions of goals, by row label and time bucket: how many visitors reached any of the
 * goals (distinct per bucket, as every visitor count), how many events did, and their revenue
 * per currency. Computed from what is stored, so a new goal reports its history at once.
 *
 * <p>Two ways, equal by construction and checked against brute force ({@code GoalReportsTest}):
 * a single goal that one existing filter describes exactly (a custom event goal without property
 * matches is {@code event:name==X}, a pageview goal on one literal page is {@code event:page==/p})
 * is asked of the standard engine with that filter, so {@link Plan} answers it from rollups (and
 * pair rollups) where it would answer the filter; the page's pageviews are its total conversions.
 * Other single goals read their goal facts ({@link GoalCells}: daily rows, per-visit rows, and raw
 * rows for days the history fill has not reached). Everything else (several goals, hours,
 * breakdowns or filters by event names, hostnames or custom properties) reads the goal's raw events: a pattern becomes the ids of the site's
 * stored pages it matches, so the page index ({@code ix_events_site_page_ts}) or the event-name
 * index (V10) reads only the candidate rows.
 */
final class Conversions {
    /** Counters of one cell. Mutable: a report sums many. */
    static final class Counted {
        long visitors;
        long events;
        /** currency → [sum, count] of the cell's conversions that carried revenue. */
        final Map<String, Money> revenue = new TreeMap<>();

        void add(Counted o) {
            visitors += o.visitors;
            events += o.events;
            o.revenue.forEach((cur, m) -> revenue.computeIfAbsent(cur, x -> new Money()).add(m.sum, m.count));
        }

        boolean isEmpty() {
            return visitors == 0 && events == 0;
        }
    }

    /** A revenue sum and the number of events in it. */
    static final class Money {
        BigDecimal sum = BigDecimal.ZERO;
        long count;

        void add(BigDecimal amount, long n) {
            sum = sum.add(amount);
            count += n;
        }
    }

    /** Cells keyed by row label ({@code ""} without a breakdown) and bucket (0 unless asked per bucket); {@code source} as in {@link Plan}. */
    record Result(Map<Cell, Counted> cells, String source) {
    }

    private final Connection c;
    private final Site site;
    private final DimValues dims;
    /** The site's stored pages (id → path), read once per report when a pattern needs them. */
    private Map<Integer, String> pages;

    Conversions(Connection c, Site site) {
        this.c = c;
        this.site = site;
        this.dims = new DimValues(c);
    }

    Result read(List<Goal> goals, List<Filter> rest, Optional<Column> groupBy, DateRange range, Cell.Grain grain, boolean byBucket,
                boolean revenue) throws SQLException {
        Optional<Filter> same = goals.size() == 1 && !revenue ? sameFilter(goals.getFirst()) : Optional.empty();
        boolean visitLevelOnly = rest.stream().noneMatch(f -> f.property().kind().eventLevel())
                && groupBy.map(g -> !g.property().kind().eventLevel()).orElse(true);
        if (same.isPresent() && visitLevelOnly) {
            return fromEngine(goals.getFirst(), same.get(), rest, groupBy, range, grain, byBucket);
        }
        if (goals.size() == 1 && (grain == Cell.Grain.DAY || !byBucket) && GoalCells.answers(rest, groupBy)) {
            Optional<Result> facts = GoalCells.read(c, site, goals.getFirst(), rest, groupBy, range, byBucket, revenue, this, dims);
            if (facts.isPresent()) {
                return facts.get();
            }
        }
        return fromRaw(goals, rest, groupBy, range, grain, byBucket, revenue);
    }

    /**
     * Each goal's totals over {@code range} under {@code rest} (the {@code event:goal} breakdown),
     * as {@link #read} gives them one goal at a time; without other filters, the goals whose facts
     * hold the range are read together ({@link GoalCells#totals}; for a goal that {@link #read}
     * answers from rollups the same numbers, as both are exact).
     */
    Map<Goal, Result> readEach(List<Goal> goals, List<Filter> rest, DateRange range, boolean revenue) throws SQLException {
        Map<Goal, Result> results = new HashMap<>(rest.isEmpty() ? GoalCells.totals(c, site, goals, range, revenue) : Map.of());
        for (Goal goal : goals) {
            if (!results.containsKey(goal)) {
                results.put(goal, read(List.of(goal), rest, Optional.empty(), range, Cell.Grain.DAY, false, revenue));
            }
        }
        return results;
    }

    /** The one existing filter whose matching events are exactly the goal's conversions, if any. */
    static Optional<Filter> sameFilter(Goal goal) {
        return switch (goal.kind()) {
            case EVENT -> goal.props().isEmpty()
                    ? Optional.of(new Filter(Property.of(PropertyKind.NAME), Filter.Op.EQ, List.of(goal.eventName().orElseThrow())))
                    : Optional.empty();
            case PAGE -> goal.page().orElseThrow().literal().map(p -> new Filter(Property.of(PropertyKind.PAGE), Filter.Op.EQ, List.of(p)));
            case SCROLL -> Optional.empty();
        };
    }

    private Result fromEngine(Goal goal, Filter same, List<Filter> rest, Optional<Column> groupBy, DateRange range, Cell.Grain grain,
                              boolean byBucket) throws SQLException {
        List<Filter> filters = new ArrayList<>(rest);
        filters.add(same);
        boolean page = goal.kind() == Goal.Kind.PAGE;
        List<Metric> metrics = List.of(Metric.VISITORS, page ? Metric.PAGEVIEWS : Metric.EVENTS);
        Map<Cell, Counted> cells = new HashMap<>();
        String source;
        if (groupBy.isPresent()) {
            StatsEngine.Answer<Map<String, Counts>> byLabel = StatsEngine.byLabel(c, site, groupBy.get(), filters, metrics, range);
            byLabel.result().forEach((label, k) -> cells.computeIfAbsent(new Cell(label, 0), x -> new Counted()).add(counted(k, page)));
            source = byLabel.source();
        } else {
            StatsEngine.Answer<Map<Cell, Counts>> read = StatsEngine.cells(c, site, filters, metrics, range, grain, byBucket);
            read.result().forEach((cell, k) -> cells.computeIfAbsent(new Cell("", byBucket ? cell.bucket() : 0), x -> new Counted())
                    .add(counted(k, page)));
            source = read.source();
        }
        cells.values().removeIf(Counted::isEmpty);
        return new Result(cells, source);
    }

    private static Counted counted(Counts k, boolean page) {
        Counted n = new Counted();
        n.visitors = k.visitors;
        n.events = page ? k.pageviews : k.events;
        return n;
    }

    Result fromRaw(List<Goal> goals, List<Filter> rest, Optional<Column> groupBy, DateRange range, Cell.Grain grain,
                           boolean byBucket, boolean revenue) throws SQLException {
        long fromMs = range.startMs(site.zone());
        long toMs = range.endMs(site.zone());
        boolean joinVisits = rest.stream().anyMatch(f -> !f.property().kind().eventLevel())
                || groupBy.map(g -> !g.property().kind().eventLevel()).orElse(false);
        Sql group = groupBy.map(Column::raw).orElse(Sql.of("0"));
        // Always bucketed: visitors are distinct per bucket (a day unless hours are asked), then summed.
        String bucket = LocalClock.bucket("e.ts", site.zone(), fromMs, toMs, byBucket ? grain : Cell.Grain.DAY);
        Sql where = Sql.of(" FROM events e" + (joinVisits ? " JOIN visits v ON v.id = e.visit_id" : "")
                        + " WHERE e.site_id = ? AND e.ts >= ? AND e.ts < ? AND ", site.id(), fromMs, toMs)
                .then(condition(goals)).then(Conditions.all(rest, true, dims)).then(Conditions.all(rest, false, dims))
                .then(groupBy.map(g -> Sql.of(" AND ").then(g.raw()).then(" IS NOT NULL")).orElse(Sql.of("")));
        Map<Object, Map<Integer, Counted>> byGroup = new HashMap<>();
        Sql counts = Sql.of("SELECT ").then(group).then(", " + bucket + ", COUNT(DISTINCT e.visitor_id), COUNT(*)").then(where)
                .then(" GROUP BY 1, 2 /* Conversions.fromRaw */");
        RawReader.run(c, counts, rs -> {
            Counted k = cell(byGroup, rs);
            k.visitors += rs.getLong(3);
            k.events += rs.getLong(4);
        });
        if (revenue) {
            Sql money = Sql.of("SELECT ").then(group).then(", " + bucket + ", e.revenue_currency, SUM(e.revenue_amount), COUNT(*)")
                    .then(where).then(" AND e.revenue_amount IS NOT NULL GROUP BY 1, 2, 3 /* Conversions.revenue */");
            RawReader.run(c, money, rs -> cell(byGroup, rs).revenue.computeIfAbsent(rs.getString(3), x -> new Money())
                    .add(rs.getBigDecimal(4), rs.getLong(5)));
        }
        Map<Object, String> labels = groupBy.isPresent()
                ? Labels.of(groupBy.get(), new Plan.FromRaw(), byGroup.keySet(), dims) : Map.of();
        Map<Cell, Counted> cells = new HashMap<>();
        byGroup.forEach((g, byB) -> byB.forEach((b, k) ->
                cells.computeIfAbsent(new Cell(groupBy.isPresent() ? labels.get(g) : "", byBucket ? b : 0), x -> new Counted()).add(k)));
        return new Result(cells, "raw");
    }

    private static Counted cell(Map<Object, Map<Integer, Counted>> byGroup, ResultSet rs) throws SQLException {
        Object group = rs.getObject(1);
        if (group instanceof Number n) {
            group = n.intValue();
        }
        return byGroup.computeIfAbsent(group, x -> new HashMap<>()).computeIfAbsent(rs.getInt(2), x -> new Counted());
    }

    /** The events that reach any of the goals, as one parenthesised condition on {@code e.*}. */
    Sql condition(List<Goal> goals) throws SQLException {
        Sql any = Sql.of("(");
        for (int i = 0; i < goals.size(); i++) {
            any = any.then(i == 0 ? "" : " OR ").then(condition(goals.get(i)));
        }
        return any.then(")");
    }

    /** The events that reach one goal, as one parenthesised condition on {@code e.*}. */
    Sql condition(Goal goal) throws SQLException {
        return switch (goal.kind()) {
            case PAGE -> Sql.of("(e.kind = 1 AND " + pageIn(goal.page().orElseThrow()) + ")");
            case SCROLL -> Sql.of("(e.kind = 3 AND " + pageIn(goal.page().orElseThrow()) + " AND e.scroll_depth >= ?)",
                    goal.scrollThreshold());
            case EVENT -> {
                Integer id = dims.ids(Dimension.EVENT_NAME, List.of(goal.eventName().orElseThrow())).get(goal.eventName().orElseThrow());
                if (id == null) {
                    yield Sql.of("(1 = 0)");
                }
                Sql sql = Sql.of("(e.kind = 2 AND e.name_id = " + id);
                for (Map.Entry<String, String> p : goal.props().entrySet()) {
                    // Binary comparison: JSON text may come back in the connection's case-insensitive collation.
                    sql = sql.then(Sql.of(" AND CAST(JSON_UNQUOTE(JSON_EXTRACT(e.props, ?)) AS BINARY) = CAST(? AS BINARY)",
                            "$.\"" + p.getKey() + "\"", p.getValue()));
                }
                yield sql.then(")");
            }
        };
    }

    /** {@code e.page_id IN (…)} over the site's stored pages the pattern matches ({@code 1 = 0} for none). */
    private String pageIn(PathPattern pattern) throws SQLException {
        if (pages == null) {
            pages = sitePages();
        }
        String ids = pages.entrySet().stream().filter(e -> pattern.matches(e.getValue())).map(e -> e.getKey())
                .sorted().map(String::valueOf).collect(Collectors.joining(", "));
        return ids.isEmpty() ? "1 = 0" : "e.page_id IN (" + ids + ")";
    }

    /**
     * Every page the site has events on: each event books its page's rollup row, so the distinct
     * {@code value_id}s of the site's PAGE rows (a prefix of the primary key) name them all.
     */
    private Map<Integer, String> sitePages() throws SQLException {
        List<Integer> ids = new ArrayList<>();
        String sql = "SELECT DISTINCT value_id FROM rollup_daily WHERE site_id = ? AND dim = ? /* Conversions.sitePages */";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, site.id());
            ps.setInt(2, RollupDim.PAGE.code());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
            }
        }
        return dims.labels(Dimension.PAGE, ids);
    }
}
