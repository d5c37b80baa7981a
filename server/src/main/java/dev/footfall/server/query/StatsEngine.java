package dev.footfall.server.query;

import dev.footfall.model.InvalidFieldException;
import dev.footfall.model.stats.AggregateResult;
import dev.footfall.model.stats.Filter;
import dev.footfall.model.stats.Interval;
import dev.footfall.model.stats.Metric;
import dev.footfall.model.stats.MetricValue;
import dev.footfall.model.stats.PropertyKind;
import dev.footfall.model.stats.RowsResult;
import dev.footfall.model.stats.StatsQuery;
import dev.footfall.model.stats.FunnelResult;
import dev.footfall.server.goal.Funnel;
import dev.footfall.server.goal.Funnels;
import dev.footfall.server.goal.Goal;
import dev.footfall.server.goal.Goals;
import dev.footfall.server.lookup.Dimension;
import dev.footfall.server.rollup.RollupDim;
import dev.footfall.server.site.Site;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Answers stats queries: resolves the period to site-local days, lets {@link Plan} pick rollups
 * or raw rows, folds the cells into the requested shape and computes the metrics. An unfiltered
 * dashboard tile costs one rollup range read (a few hundred rows for 90 days); see
 * {@code docs/benchmarks-history.md} for measured times.
 */
public final class StatsEngine {
    /** Longest range an hourly timeseries may cover (744 buckets). */
    static final int MAX_HOURLY_DAYS = 31;
    /** Realtime "current visitors" window. */
    static final long REALTIME_MS = 5 * 60_000L;

    /** A result and where its numbers came from ({@code rollup} or {@code raw}). */
    public record Answer<T>(T result, String source) {
    }

    private final DataSource db;
    private final Clock clock;
    private final Runnable rollupsCurrent;
    private final GoalReports goalReports;
    private final Goals goals;
    private final Funnels funnels;

    /** {@code rollupsCurrent} runs before each report: it folds the rollup deltas still logged. */
    public StatsEngine(DataSource db, Clock clock, Runnable rollupsCurrent, Goals goals, Funnels funnels) {
        this.db = db;
        this.clock = clock;
        this.rollupsCurrent = rollupsCurrent;
        this.goalReports = new GoalReports(goals);
        this.goals = goals;
        this.funnels = funnels;
    }

    /**
     * The report of the site's funnel {@code funnelId} over the query's period (and the previous one
     * with {@code compare}), under visit filters only ({@link FunnelReport}); empty when the site has
     * no such funnel.
     */
    public Optional<Answer<FunnelResult>> funnel(Site site, int funnelId, StatsQuery q) {
        FunnelReport.check(q.filters());
        Optional<Funnel> funnel = funnels.find(site.id(), funnelId);
        if (funnel.isEmpty()) {
            return Optional.empty();
        }
        Map<Integer, Goal> byId = new HashMap<>();
        goals.list(site.id()).forEach(g -> byId.put(g.id(), g));
        List<Goal> steps = funnel.get().goalIds().stream().map(byId::get).toList();
        rollupsCurrent.run();
        DateRange range = DateRange.of(q, today(site));
        return Optional.of(withConnection("funnel", c ->
                new Answer<>(FunnelReport.report(c, site, funnel.get(), steps, q.filters(), range, q.compare()), "raw")));
    }

    public Answer<AggregateResult> aggregate(Site site, StatsQuery q) {
        rollupsCurrent.run();
        DateRange range = DateRange.of(q, today(site));
        if (GoalReports.involved(q)) {
            return withConnection("goal aggregate", c -> goalReports.aggregate(c, site, q, range));
        }
        return withConnection("aggregate", c -> {
            DimValues dims = new DimValues(c);
            DateRange earliest = q.compare() ? range.previous() : range;
            Plan plan = Plan.choose(Optional.empty(), q.filters(), q.metrics(), dims,
                    RollupReader.coverage(c, site.id(), earliest.startMs(site.zone())));
            Counts now = total(read(c, site, plan, Optional.empty(), q.filters(), q.metrics(), range, Cell.Grain.DAY, false));
            Counts before = q.compare() ? total(read(c, site, plan, Optional.empty(), q.filters(), q.metrics(), range.previous(), Cell.Grain.DAY, false)) : null;
            Map<String, MetricValue> results = new LinkedHashMap<>();
            for (Metric m : q.metrics()) {
                Number value = MetricMath.value(m, now);
                Double change = before == null ? null : MetricMath.change(m, value, MetricMath.value(m, before));
                results.put(m.wireName(), new MetricValue(value, change));
            }
            return new Answer<>(new AggregateResult(results), plan.source());
        });
    }

    /** The last {@code days} days (today included) of a goal that need not be stored: the goal manager's preview. */
    public Answer<AggregateResult> goalPreview(Site site, Goal goal, int days) {
        rollupsCurrent.run();
        LocalDate today = today(site);
        DateRange range = new DateRange(today.minusDays(days - 1L), today);
        return withConnection("goal preview", c -> goalReports.preview(c, site, goal, range));
    }

    public Answer<RowsResult> timeseries(Site site, StatsQuery q) {
        rollupsCurrent.run();
        DateRange range = DateRange.of(q, today(site));
        if (q.interval() == Interval.HOUR && range.days() > MAX_HOURLY_DAYS) {
            throw new InvalidFieldException("interval", "interval=hour covers at most " + MAX_HOURLY_DAYS + " days");
        }
        Timeline timeline = new Timeline(range, q.interval());
        if (GoalReports.involved(q)) {
            return withConnection("goal timeseries", c -> goalReports.timeseries(c, site, q, timeline));
        }
        return withConnection("timeseries", c -> {
            Plan plan = Plan.choose(Optional.empty(), q.filters(), q.metrics(), new DimValues(c),
                    RollupReader.coverage(c, site.id(), range.startMs(site.zone())));
            Map<Integer, Counts> byKey = new HashMap<>();
            read(c, site, plan, Optional.empty(), q.filters(), q.metrics(), range, timeline.grain(), true)
                    .forEach((cell, k) -> byKey.computeIfAbsent(timeline.keyOf(cell.bucket()), x -> new Counts()).add(k));
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int key : timeline.keys()) {
                rows.add(row("date", timeline.label(key), q.metrics(), byKey.getOrDefault(key, new Counts()), null, null));
            }
            return new Answer<>(new RowsResult(rows), plan.source());
        });
    }

    public Answer<RowsResult> breakdown(Site site, StatsQuery q) {
        rollupsCurrent.run();
        var property = q.property().orElseThrow(() -> new InvalidFieldException("property", "property is required for a breakdown"));
        if (GoalReports.involved(q)) {
            DateRange range = DateRange.of(q, today(site));
            return withConnection("goal breakdown", c -> goalReports.breakdown(c, site, q, range));
        }
        for (Metric m : q.metrics()) {
            if (!property.kind().metrics().contains(m)) {
                throw new InvalidFieldException("metrics", "metric " + m.wireName() + " is not available for " + property.wireName());
            }
        }
        Column col = Column.of(property);
        DateRange range = DateRange.of(q, today(site));
        return withConnection("breakdown", c -> {
            Answer<Labelled> labelled = labelled(c, site, col, q.filters(), q.metrics(), range);
            Map<String, Counts> byLabel = labelled.result().counts();
            Map<String, String> names = labelled.result().names();
            String nameKey = property.kind().nameKey();
            Metric first = q.metrics().getFirst();
            List<Map<String, Object>> rows = byLabel.entrySet().stream()
                    .sorted(Comparator.<Map.Entry<String, Counts>>comparingDouble(e -> -MetricMath.value(first, e.getValue()).doubleValue())
                            .thenComparing(Map.Entry::getKey))
                    .skip((long) (q.page() - 1) * q.limit()).limit(q.limit())
                    .map(e -> row(property.rowKey(), property.kind() == PropertyKind.CITY ? cityLabel(e.getKey()) : e.getKey(),
                            q.metrics(), e.getValue(), nameKey, names.get(e.getKey())))
                    .toList();
            return new Answer<>(new RowsResult(rows), labelled.source());
        });
    }

    /** A breakdown's counts by row label, and each label's name where the dimension has names (regions, cities). */
    record Labelled(Map<String, Counts> counts, Map<String, String> names) {
    }

    /**
     * The counts by row label of a breakdown by {@code col}, and their names. As Plausible does,
     * visits with no known region or city are not a row of those breakdowns.
     */
    static Answer<Labelled> labelled(Connection c, Site site, Column col, List<Filter> filters, List<Metric> metrics,
                                     DateRange range) throws SQLException {
        DimValues dims = new DimValues(c);
        Plan plan = Plan.choose(Optional.of(col), filters, metrics, dims, RollupReader.coverage(c, site.id(), range.startMs(site.zone())));
        Map<Object, Counts> byGroup = new HashMap<>();
        read(c, site, plan, Optional.of(col), filters, metrics, range, Cell.Grain.DAY, false)
                .forEach((cell, k) -> byGroup.computeIfAbsent(cell.group(), x -> new Counts()).add(k));
        byGroup.values().removeIf(Counts::isEmpty);
        Map<String, Counts> byLabel = new HashMap<>();
        Map<Object, String> labels = Labels.of(col, plan, byGroup.keySet(), dims);
        byGroup.forEach((group, k) -> byLabel.computeIfAbsent(labels.get(group), x -> new Counts()).add(k));
        if (col.table().filter(Dimension::named).isPresent()) {
            byLabel.remove("");
        }
        return new Answer<>(new Labelled(byLabel, Labels.names(col, labels, dims)), plan.source());
    }

    /** {@link #labelled}'s counts alone. */
    static Answer<Map<String, Counts>> byLabel(Connection c, Site site, Column col, List<Filter> filters, List<Metric> metrics,
                                               DateRange range) throws SQLException {
        Answer<Labelled> labelled = labelled(c, site, col, filters, metrics, range);
        return new Answer<>(labelled.result().counts(), labelled.source());
    }

    /** The cells of a report with no breakdown, from the plan {@link Plan#choose} picks for the range. */
    static Answer<Map<Cell, Counts>> cells(Connection c, Site site, List<Filter> filters, List<Metric> metrics, DateRange range,
                                           Cell.Grain grain, boolean byBucket) throws SQLException {
        Plan plan = Plan.choose(Optional.empty(), filters, metrics, new DimValues(c),
                RollupReader.coverage(c, site.id(), range.startMs(site.zone())));
        return new Answer<>(read(c, site, plan, Optional.empty(), filters, metrics, range, grain, byBucket), plan.source());
    }

    /** Distinct visitors with an event in the last five minutes (an index range of the newest rows). */
    public long realtimeVisitors(Site site) {
        return withConnection("realtime", c -> {
            String sql = "SELECT COUNT(DISTINCT visitor_id) FROM events WHERE site_id = ? AND ts >= ? AND kind <> 3"
                    + " /* StatsEngine.realtimeVisitors */";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setInt(1, site.id());
                ps.setLong(2, clock.millis() - REALTIME_MS);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    public LocalDate today(Site site) {
        return LocalDate.now(clock.withZone(site.zone()));
    }

    private static Map<Cell, Counts> read(Connection c, Site site, Plan plan, Optional<Column> breakdown, List<Filter> filters,
                                          List<Metric> metrics, DateRange range, Cell.Grain grain, boolean byBucket) throws SQLException {
        return switch (plan) {
            case Plan.FromRollup r -> RollupReader.read(c, site.id(), r.dim(), r.values(), range, grain, byBucket);
            case Plan.FromPairRollup r -> RollupReader.readPairs(c, site.id(), r.filter(), r.filterValues(), r.dim(), range);
            case Plan.FromRaw r -> raw(c, site, breakdown, filters, metrics, range, grain);
        };
    }

    /** Raw cells: from the visit facts when they answer ({@link FactReader}), else from events and visits. */
    private static Map<Cell, Counts> raw(Connection c, Site site, Optional<Column> breakdown, List<Filter> filters, List<Metric> metrics,
                                         DateRange range, Cell.Grain grain) throws SQLException {
        boolean events = metrics.stream().anyMatch(m -> !m.visitLevel());
        boolean visits = metrics.stream().anyMatch(Metric::visitLevel);
        if (grain == Cell.Grain.DAY) {
            Optional<Map<Cell, Counts>> facts = FactReader.read(c, site.id(), range.firstDay(), range.lastDay(), breakdown.stream().toList(),
                    FactReader.fromV1(filters), events, visits);
            if (facts.isPresent()) {
                return facts.get();
            }
        }
        return RawReader.read(c, site.id(), site.zone(), range, grain, breakdown, filters, events, visits);
    }

    static Counts total(Map<Cell, Counts> cells) {
        Counts sum = new Counts();
        cells.values().forEach(sum::add);
        return sum;
    }

    /**
     * A city's label is its GeoNames id, a number in the row as in Plausible's; a key of a database
     * without ids (DB-IP Lite City: {@code DE-Bavaria/Munich}) stays text.
     */
    private static Object cityLabel(String label) {
        boolean geonameId = !label.isEmpty() && label.length() < 19 && label.chars().allMatch(Character::isDigit);
        return geonameId ? Long.valueOf(label) : label;
    }

    /** One result row: the label, its name when the property has one ({@code nameKey}), the metrics. */
    private static Map<String, Object> row(String labelKey, Object label, List<Metric> metrics, Counts k, String nameKey, String name) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(labelKey, label);
        if (nameKey != null) {
            row.put(nameKey, name == null ? "" : name);
        }
        for (Metric m : metrics) {
            row.put(m.wireName(), MetricMath.value(m, k));
        }
        return row;
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} on a connection of the pool, which its fact reads may also take a second connection from ({@link FactReader#SPARE}). */
    private <T> T withConnection(String what, Work<T> work) {
        try (Connection c = db.getConnection()) {
            return ScopedValue.where(FactReader.SPARE, db).call(() -> work.run(c));
        } catch (SQLException e) {
            throw new IllegalStateException("query: " + what + " failed", e);
        }
    }

    static String countryLabel(Object group) {
        return group instanceof Integer id ? RollupDim.country(id) : String.valueOf(group);
    }
}
