package dev.footfall.server.query;

import dev.footfall.model.InvalidFieldException;
import dev.footfall.model.stats.AggregateResult;
import dev.footfall.model.stats.Filter;
import dev.footfall.model.stats.Metric;
import dev.footfall.model.stats.MetricValue;
import dev.footfall.model.stats.Property;
import dev.footfall.model.stats.PropertyKind;
import dev.footfall.model.stats.RevenueValue;
import dev.footfall.model.stats.RowsResult;
import dev.footfall.model.stats.StatsQuery;
import dev.footfall.server.goal.Goal;
import dev.footfall.server.goal.Goals;
import dev.footfall.server.site.Site;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reports on goals, with Plausible's definitions: under an {@code event:goal} filter or breakdown,
 * {@code visitors} are unique conversions and {@code events} total conversions (a scroll goal's are
 * the engagement reports that reached its depth); {@code conversion_rate} is unique conversions
 * over the visitors of the same query without the goal filter, {@code group_conversion_rate} the
 * same per breakdown row (or time bucket), both percentages rounded to 0.1; {@code total_revenue}
 * and {@code average_revenue} sum the conversions' revenue in one currency (the query's
 * {@code currency}, or the only one there is: several without it leave the value empty with a
 * warning, as a sum of euros and dollars would be wrong). Conversions come from
 * {@link Conversions}, the denominators from the standard engine.
 */
final class GoalReports {
    private final Goals goals;

    GoalReports(Goals goals) {
        this.goals = goals;
    }

    /** True when the query is a goal report: an {@code event:goal} filter or breakdown, or a goal metric (which then needs one). */
    static boolean involved(StatsQuery q) {
        return q.property().map(p -> p.kind() == PropertyKind.GOAL).orElse(false)
                || q.filters().stream().anyMatch(f -> f.property().kind() == PropertyKind.GOAL)
                || q.metrics().stream().anyMatch(Metric::goalOnly);
    }

    /** The goals a query's {@code event:goal} filter names (empty without one) and its other filters. */
    private record Ask(List<Goal> goals, List<Filter> rest) {
    }

    private Ask ask(Site site, StatsQuery q, boolean goalBreakdown) {
        for (Metric m : q.metrics()) {
            if (!Metric.GOAL.contains(m)) {
                throw new InvalidFieldException("metrics", "metric " + m.wireName() + " is not available for goals; use visitors, events,"
                        + " conversion_rate, group_conversion_rate, total_revenue or average_revenue");
            }
        }
        List<Filter> goalFilters = q.filters().stream().filter(f -> f.property().kind() == PropertyKind.GOAL).toList();
        if (goalFilters.size() > 1) {
            throw new InvalidFieldException("filters", "event:goal can be filtered once: list the goals as event:goal==A|B");
        }
        if (goalFilters.isEmpty() && !goalBreakdown) {
            throw new InvalidFieldException("metrics", "goal metrics need an event:goal filter or the event:goal breakdown");
        }
        List<Goal> named = new ArrayList<>();
        if (!goalFilters.isEmpty()) {
            Filter f = goalFilters.getFirst();
            if (f.op() != Filter.Op.EQ) {
                throw new InvalidFieldException("filters", "event:goal supports == only");
            }
            Map<String, Goal> byName = new HashMap<>();
            goals.list(site.id()).forEach(g -> byName.put(g.name(), g));
            for (String name : f.values()) {
                Goal g = byName.get(name);
                if (g == null) {
                    throw new InvalidFieldException("filters", "site " + site.domain() + " has no goal named '" + name + "'");
                }
                if (!named.contains(g)) {
                    named.add(g);
                }
            }
        }
        List<Filter> rest = q.filters().stream().filter(f -> f.property().kind() != PropertyKind.GOAL).toList();
        return new Ask(named, rest);
    }

    StatsEngine.Answer<AggregateResult> aggregate(Connection c, Site site, StatsQuery q, DateRange range) throws SQLException {
        Ask ask = ask(site, q, false);
        Conversions conversions = new Conversions(c, site);
        boolean revenue = wantsRevenue(q);
        Conversions.Result now = conversions.read(ask.goals(), ask.rest(), Optional.empty(), range, Cell.Grain.DAY, false, revenue);
        long visitorsNow = visitors(c, site, ask.rest(), range);
        Map<String, String> warnings = new TreeMap<>();
        Map<String, Object> valuesNow = values(q, sum(now), visitorsNow, visitorsNow, warnings);
        Map<String, Object> valuesBefore = null;
        if (q.compare()) {
            DateRange previous = range.previous();
            Conversions.Result before = conversions.read(ask.goals(), ask.rest(), Optional.empty(), previous, Cell.Grain.DAY, false, revenue);
            long visitorsBefore = visitors(c, site, ask.rest(), previous);
            valuesBefore = values(q, sum(before), visitorsBefore, visitorsBefore, new TreeMap<>());
        }
        Map<String, MetricValue> results = new LinkedHashMap<>();
        for (Metric m : q.metrics()) {
            Object value = valuesNow.get(m.wireName());
            Double change = valuesBefore == null ? null : change(m, value, valuesBefore.get(m.wireName()));
            results.put(m.wireName(), new MetricValue(value, change));
        }
        return new StatsEngine.Answer<>(new AggregateResult(results, warnings), now.source());
    }

    /** What {@code goal}, stored or not, converts over the range: unique and total conversions and the conversion rate, unfiltered. */
    StatsEngine.Answer<AggregateResult> preview(Connection c, Site site, Goal goal, DateRange range) throws SQLException {
        Conversions.Result read = new Conversions(c, site).read(List.of(goal), List.of(), Optional.empty(), range, Cell.Grain.DAY, false, false);
        Conversions.Counted k = sum(read);
        Map<String, MetricValue> results = new LinkedHashMap<>();
        results.put(Metric.VISITORS.wireName(), new MetricValue(k.visitors, null));
        results.put(Metric.EVENTS.wireName(), new MetricValue(k.events, null));
        results.put(Metric.CONVERSION_RATE.wireName(), new MetricValue(rate(k.visitors, visitors(c, site, List.of(), range)), null));
        return new StatsEngine.Answer<>(new AggregateResult(results), read.source());
    }

    StatsEngine.Answer<RowsResult> timeseries(Connection c, Site site, StatsQuery q, Timeline timeline) throws SQLException {
        Ask ask = ask(site, q, false);
        DateRange range = timeline.range();
        Conversions.Result read = new Conversions(c, site).read(ask.goals(), ask.rest(), Optional.empty(), range, timeline.grain(), true,
                wantsRevenue(q));
        Map<Integer, Conversions.Counted> byKey = new HashMap<>();
        read.cells().forEach((cell, k) -> byKey.computeIfAbsent(timeline.keyOf(cell.bucket()), x -> new Conversions.Counted()).add(k));
        Map<Integer, Long> visitorsByKey = new HashMap<>();
        if (wantsRate(q)) {
            StatsEngine.cells(c, site, ask.rest(), List.of(Metric.VISITORS), range, timeline.grain(), true).result()
                    .forEach((cell, k) -> visitorsByKey.merge(timeline.keyOf(cell.bucket()), k.visitors, Long::sum));
        }
        Map<String, String> warnings = new TreeMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int key : timeline.keys()) {
            long visitors = visitorsByKey.getOrDefault(key, 0L);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("date", timeline.label(key));
            row.putAll(values(q, byKey.getOrDefault(key, new Conversions.Counted()), visitors, visitors, warnings));
            rows.add(row);
        }
        return new StatsEngine.Answer<>(new RowsResult(rows, warnings), read.source());
    }

    StatsEngine.Answer<RowsResult> breakdown(Connection c, Site site, StatsQuery q, DateRange range) throws SQLException {
        Property property = q.property().orElseThrow();
        boolean byGoal = property.kind() == PropertyKind.GOAL;
        Ask ask = ask(site, q, byGoal);
        Conversions conversions = new Conversions(c, site);
        boolean revenue = wantsRevenue(q);
        long total = wantsRate(q) ? visitors(c, site, ask.rest(), range) : 0;
        Map<String, String> warnings = new TreeMap<>();
        Map<String, Map<String, Object>> byLabel = new HashMap<>();
        String source = "rollup";
        if (byGoal) {
            List<Goal> asked = ask.goals().isEmpty() ? goals.list(site.id()) : ask.goals();
            Map<Goal, Conversions.Result> reads = conversions.readEach(asked, ask.rest(), range, revenue);
            for (Goal goal : asked) {
                Conversions.Result read = reads.get(goal);
                source = read.source().equals("raw") ? "raw" : source;
                Conversions.Counted k = sum(read);
                if (!k.isEmpty()) {
                    byLabel.put(goal.name(), values(q, k, total, total, warnings));
                }
            }
        } else {
            Column col = Column.of(property);
            Conversions.Result read = conversions.read(ask.goals(), ask.rest(), Optional.of(col), range, Cell.Grain.DAY, false, revenue);
            source = read.source();
            Map<String, Long> groupVisitors = new HashMap<>();
            if (q.metrics().contains(Metric.GROUP_CONVERSION_RATE)) {
                StatsEngine.byLabel(c, site, col, ask.rest(), List.of(Metric.VISITORS), range).result()
                        .forEach((label, k) -> groupVisitors.put(label, k.visitors));
            }
            Map<String, Conversions.Counted> sums = new HashMap<>();
            read.cells().forEach((cell, k) -> sums.computeIfAbsent((String) cell.group(), x -> new Conversions.Counted()).add(k));
            sums.forEach((label, k) -> {
                if (!k.isEmpty()) {
                    byLabel.put(label, values(q, k, total, groupVisitors.getOrDefault(label, 0L), warnings));
                }
            });
        }
        String first = q.metrics().getFirst().wireName();
        List<Map<String, Object>> rows = byLabel.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Map<String, Object>>>comparingDouble(e -> -sortKey(e.getValue().get(first)))
                        .thenComparing(Map.Entry::getKey))
                .skip((long) (q.page() - 1) * q.limit()).limit(q.limit())
                .map(e -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put(property.rowKey(), e.getKey());
                    row.putAll(e.getValue());
                    return row;
                })
                .toList();
        return new StatsEngine.Answer<>(new RowsResult(rows, warnings), source);
    }

    /** The metric values of one cell; {@code total} and {@code group} are the visitors without the goal filter. */
    private static Map<String, Object> values(StatsQuery q, Conversions.Counted k, long total, long group, Map<String, String> warnings) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Metric m : q.metrics()) {
            Object value = switch (m) {
                case VISITORS -> k.visitors;
                case EVENTS -> k.events;
                case CONVERSION_RATE -> rate(k.visitors, total);
                case GROUP_CONVERSION_RATE -> rate(k.visitors, group);
                case TOTAL_REVENUE, AVERAGE_REVENUE -> revenue(m, k, q.currency(), warnings);
                default -> throw new IllegalStateException("not a goal metric: " + m);
            };
            values.put(m.wireName(), value);
        }
        return values;
    }

    /** Percent with one decimal; 0 over no visitors. */
    static double rate(long conversions, long visitors) {
        return visitors == 0 ? 0.0 : Math.round(1000.0 * conversions / visitors) / 10.0;
    }

    private static RevenueValue revenue(Metric m, Conversions.Counted k, Optional<String> currency, Map<String, String> warnings) {
        String cur;
        if (currency.isPresent()) {
            cur = currency.get();
        } else if (k.revenue.size() == 1) {
            cur = k.revenue.keySet().iterator().next();
        } else {
            if (k.revenue.size() > 1) {
                warnings.put(m.wireName(), "revenue in several currencies (" + String.join(", ", k.revenue.keySet())
                        + "): add currency=<code> to sum one of them");
            }
            return null;
        }
        Conversions.Money money = k.revenue.getOrDefault(cur, new Conversions.Money());
        BigDecimal value = m == Metric.TOTAL_REVENUE ? money.sum.setScale(2, RoundingMode.HALF_UP)
                : money.count == 0 ? BigDecimal.ZERO.setScale(2) : money.sum.divide(BigDecimal.valueOf(money.count), 2, RoundingMode.HALF_UP);
        return new RevenueValue(value, cur);
    }

    private static Double change(Metric m, Object now, Object before) {
        if (now instanceof RevenueValue a && before instanceof RevenueValue b) {
            return a.currency().equals(b.currency()) ? MetricMath.change(m, a.value(), b.value()) : null;
        }
        if (now instanceof Number a && before instanceof Number b) {
            return MetricMath.change(m, a, b);
        }
        return null;
    }

    private static double sortKey(Object value) {
        return switch (value) {
            case Number n -> n.doubleValue();
            case RevenueValue r -> r.value().doubleValue();
            case null, default -> 0.0;
        };
    }

    static long visitors(Connection c, Site site, List<Filter> rest, DateRange range) throws SQLException {
        return StatsEngine.total(StatsEngine.cells(c, site, rest, List.of(Metric.VISITORS), range, Cell.Grain.DAY, false).result()).visitors;
    }

    private static Conversions.Counted sum(Conversions.Result read) {
        Conversions.Counted total = new Conversions.Counted();
        read.cells().values().forEach(total::add);
        return total;
    }

    private static boolean wantsRevenue(StatsQuery q) {
        return q.metrics().contains(Metric.TOTAL_REVENUE) || q.metrics().contains(Metric.AVERAGE_REVENUE);
    }

    private static boolean wantsRate(StatsQuery q) {
        return q.metrics().contains(Metric.CONVERSION_RATE) || q.metrics().contains(Metric.GROUP_CONVERSION_RATE);
    }
}
