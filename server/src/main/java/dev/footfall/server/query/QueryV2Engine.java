package dev.footfall.server.query;

import dev.footfall.model.InvalidFieldException;
import dev.footfall.model.stats.Filter;
import dev.footfall.model.stats.Interval;
import dev.footfall.model.stats.Metric;
import dev.footfall.model.stats.PropertyKind;
import dev.footfall.server.query.QueryV2.DimensionV2;
import dev.footfall.server.query.QueryV2.MetricV2;
import dev.footfall.server.site.Site;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Answers Stats API v2 queries. A query the rollups answer exactly (whole days, at most one
 * property dimension or one time dimension, no filter or one single-valued case-sensitive {@code
 * is}) goes through {@link Plan} and {@link RollupReader} as v1 does; every other one is one or
 * two {@code GROUP BY} reads of raw rows ({@link RawReader}) over all its dimensions at once, with
 * its filter tree as SQL ({@link FilterSql}). Both paths give cells of the same counters, so the
 * answers agree; {@link QueryV2Rows} turns cells into the rows of the answer.
 */
public final class QueryV2Engine {
    private final DataSource db;
    private final Clock clock;
    private final Runnable rollupsCurrent;

    /** {@code rollupsCurrent} runs before each query: it folds the rollup deltas still logged. */
    public QueryV2Engine(DataSource db, Clock clock, Runnable rollupsCurrent) {
        this.db = db;
        this.clock = clock;
        this.rollupsCurrent = rollupsCurrent;
    }

    /** The answer's body ({@code results}, {@code meta}, {@code query}) and where its numbers came from. */
    public StatsEngine.Answer<Map<String, Object>> query(Site site, QueryV2 q) {
        rollupsCurrent.run();
        try (Connection c = db.getConnection()) {
            return ScopedValue.where(FactReader.SPARE, db).call(() -> answer(c, site, q));
        } catch (SQLException e) {
            throw new IllegalStateException("query: v2 query failed", e);
        }
    }

    /** The answer of {@code q}, read on {@code c}. */
    private StatsEngine.Answer<Map<String, Object>> answer(Connection c, Site site, QueryV2 q) throws SQLException {
        DateWindow window = DateWindow.of(q.dateRange(), site.zone(), clock.instant(), c, site.id());
        Optional<Interval> interval = q.time().map(t -> t.interval().orElseGet(() -> autoInterval(window)));
        if (interval.equals(Optional.of(Interval.HOUR)) && window.days().days() > StatsEngine.MAX_HOURLY_DAYS) {
            throw new InvalidFieldException("dimensions", "Invalid dimensions: time:hour covers at most " + StatsEngine.MAX_HOURLY_DAYS + " days");
        }
        Optional<Timeline> timeline = interval.map(i -> new Timeline(window.days(), i));
        Set<MetricV2> notApplicable = notApplicable(q);
        List<Metric> read = readMetrics(q, notApplicable);
        String[] source = {"rollup"};
        Map<List<String>, Counts> rows = cells(c, site, q.dimensions(), q.filters(), read, window, timeline, source);
        long totalVisitors = 0;
        if (q.metrics().contains(MetricV2.PERCENTAGE)) {
            totalVisitors = cells(c, site, List.of(), q.filters(), List.of(Metric.VISITORS), window, Optional.empty(), source)
                    .values().stream().mapToLong(k -> k.visitors).sum();
        }
        return new StatsEngine.Answer<>(QueryV2Rows.answer(q, rows, totalVisitors, notApplicable, window, timeline), source[0]);
    }

    /** {@code time}'s bucket: hours for a day or less, days up to 91 days, months beyond. */
    private static Interval autoInterval(DateWindow w) {
        if (w.days().days() == 1 || (!w.wholeDays() && w.toMs() - w.fromMs() <= 86_401_000L)) {
            return Interval.HOUR;
        }
        return w.days().days() <= 91 ? Interval.DAY : Interval.MONTH;
    }

    /** {@code time_on_page} is null by a dimension whose rows carry no engagement (event names, custom properties, entry and exit pages). */
    private static Set<MetricV2> notApplicable(QueryV2 q) {
        Set<MetricV2> set = new HashSet<>();
        if (q.properties().stream().anyMatch(d -> !d.property().kind().metrics().contains(Metric.TIME_ON_PAGE))) {
            set.add(MetricV2.TIME_ON_PAGE);
        }
        return set;
    }

    private static List<Metric> readMetrics(QueryV2 q, Set<MetricV2> notApplicable) {
        List<Metric> metrics = new ArrayList<>();
        for (MetricV2 m : q.metrics()) {
            Metric v1 = m.v1.orElse(Metric.VISITORS);
            if (!notApplicable.contains(m) && !metrics.contains(v1)) {
                metrics.add(v1);
            }
        }
        return metrics.isEmpty() ? List.of(Metric.VISITORS) : metrics;
    }

    /** Counters by the labels of {@code dims}, in their order (empty rows left out). {@code source[0]} becomes "raw" when raw rows answered. */
    private static Map<List<String>, Counts> cells(Connection c, Site site, List<DimensionV2> dims, List<FilterV2> filters, List<Metric> metrics,
                                                   DateWindow w, Optional<Timeline> timeline, String[] source) throws SQLException {
        DimValues values = new DimValues(c);
        List<Column> cols = dims.stream().filter(d -> d instanceof DimensionV2.Prop).map(d -> Column.of(((DimensionV2.Prop) d).property())).toList();
        Cell.Grain grain = timeline.map(Timeline::grain).orElse(Cell.Grain.DAY);
        Plan plan = new Plan.FromRaw();
        Optional<List<Filter>> v1Filters = rollupFilters(filters);
        if (w.wholeDays() && cols.size() <= 1 && v1Filters.isPresent() && (cols.isEmpty() || timeline.isEmpty())) {
            plan = Plan.choose(cols.stream().findFirst(), v1Filters.get(), metrics, values, RollupReader.coverage(c, site.id(), w.fromMs()));
        }
        Map<Cell, Counts> read = switch (plan) {
            case Plan.FromRollup r -> RollupReader.read(c, site.id(), r.dim(), r.values(), w.days(), grain, timeline.isPresent());
            case Plan.FromPairRollup r -> RollupReader.readPairs(c, site.id(), r.filter(), r.filterValues(), r.dim(), w.days());
            case Plan.FromRaw r -> raw(c, site, cols, filters, metrics, w, grain, values);
        };
        if (plan instanceof Plan.FromRaw) {
            source[0] = "raw";
        }
        Map<List<Object>, Counts> byKey = new HashMap<>();
        for (Map.Entry<Cell, Counts> e : read.entrySet()) {
            List<Object> key = new ArrayList<>(groups(e.getKey(), cols.size()));
            timeline.ifPresent(t -> key.add(t.keyOf(e.getKey().bucket())));
            byKey.computeIfAbsent(key, k -> new Counts()).add(e.getValue());
        }
        boolean events = metrics.stream().anyMatch(m -> !m.visitLevel());
        boolean visits = metrics.stream().anyMatch(Metric::visitLevel);
        byKey.values().removeIf(k -> empty(k, events, visits));
        List<Map<Object, String>> labels = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            int at = i;
            Set<Object> groups = new HashSet<>();
            byKey.keySet().forEach(k -> groups.add(k.get(at)));
            labels.add(Labels.of(cols.get(i), plan, groups, values));
        }
        Map<List<String>, Counts> rows = new LinkedHashMap<>();
        byKey.forEach((key, k) -> {
            List<String> row = new ArrayList<>();
            int prop = 0;
            for (DimensionV2 d : dims) {
                row.add(d instanceof DimensionV2.Prop ? labels.get(prop).get(key.get(prop++)) : timeline.orElseThrow().label((Integer) key.getLast()));
            }
            rows.computeIfAbsent(row, x -> new Counts()).add(k);
        });
        return rows;
    }

    /**
     * A row is there when a counter its metrics read is not zero: rollup rows carry every counter,
     * raw reads only the ones asked for, so judging by the others would make the two paths differ
     * (a source seen in the range whose visits all started before it).
     */
    static boolean empty(Counts k, boolean eventCounters, boolean visitCounters) {
        boolean events = k.visitors != 0 || k.pageviews != 0 || k.events != 0 || k.engagementMs != 0;
        return !(eventCounters && events) && !(visitCounters && k.visits != 0);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> groups(Cell cell, int count) {
        return switch (count) {
            case 0 -> List.of();
            case 1 -> List.of(cell.group());
            default -> (List<Object>) cell.group();
        };
    }

    /** The filters as v1 filters when rollups could answer them: none, or one case-sensitive {@code is} of one value. */
    private static Optional<List<Filter>> rollupFilters(List<FilterV2> filters) {
        if (filters.isEmpty()) {
            return Optional.of(List.of());
        }
        if (filters.size() == 1 && filters.getFirst() instanceof FilterV2.Is is && is.op() == FilterV2.Op.IS && is.caseSensitive()
                && is.values().size() == 1) {
            return Optional.of(List.of(new Filter(is.property(), Filter.Op.EQ, is.values())));
        }
        return Optional.empty();
    }

    /** Raw cells: from the visit facts when they answer ({@link FactReader}), else from events and visits. */
    private static Map<Cell, Counts> raw(Connection c, Site site, List<Column> cols, List<FilterV2> filters, List<Metric> metrics, DateWindow w,
                                         Cell.Grain grain, DimValues values) throws SQLException {
        boolean events = metrics.stream().anyMatch(m -> !m.visitLevel());
        boolean visits = metrics.stream().anyMatch(Metric::visitLevel);
        if (w.wholeDays() && grain == Cell.Grain.DAY) {
            Optional<Map<Cell, Counts>> facts = FactReader.read(c, site.id(), w.days().firstDay(), w.days().lastDay(), cols, filters, events, visits);
            if (facts.isPresent()) {
                return facts.get();
            }
        }
        return RawReader.read(c, site.id(), site.zone(), w.fromMs(), w.toMs(), grain, selection(site, cols, filters, w, values), events, visits);
    }

    private static RawReader.Selection selection(Site site, List<Column> cols, List<FilterV2> filters, DateWindow w, DimValues values)
            throws SQLException {
        Sql where = FilterSql.all(filters, values, new FilterSql.Scope(site.id(), w.fromMs(), w.toMs()));
        boolean eventConditions = filters.stream().anyMatch(f -> f.anyCondition(is -> is.property().kind().eventLevel()));
        Sql visitWhere = eventConditions ? RawReader.visitsWithEvent(site.id(), w.fromMs(), w.toMs(), true, where) : where;
        boolean pageVisitors = cols.stream().anyMatch(col -> col.property().kind() == PropertyKind.PAGE)
                || filters.stream().anyMatch(f -> f.mentions(PropertyKind.PAGE));
        boolean noEngagement = cols.stream().anyMatch(col -> col.property().kind() == PropertyKind.NAME || col.property().kind() == PropertyKind.PROPS)
                || filters.stream().anyMatch(f -> f.mentions(PropertyKind.NAME) || f.mentions(PropertyKind.PROPS));
        return new RawReader.Selection(cols.stream().map(Column::raw).toList(), where, visitWhere, pageVisitors, noEngagement);
    }
}
