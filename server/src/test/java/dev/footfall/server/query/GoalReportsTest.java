package dev.footfall.server.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.model.stats.Filter;
import dev.footfall.model.stats.Metric;
import dev.footfall.model.stats.Property;
import dev.footfall.model.stats.PropertyKind;
import dev.footfall.server.ApiClient;
import dev.footfall.server.query.RollupVersusRawTest.Range;
import dev.footfall.server.RunningServer;
import dev.footfall.server.TestInfra;
import dev.footfall.server.goal.Goal;
import dev.footfall.server.rollup.RollupPairs;
import dev.footfall.server.site.Site;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Goal reports against brute force: {@link GoalTraffic}'s {@link RandomTraffic} with purchases (in EUR on a Berlin site,
 * EUR and USD on a Kolkata site at +05:30) and scroll depths goes through the real writer; fixed
 * and random goals are created over the API; then unique and total conversions, both conversion
 * rates and revenue of every goal (and of two-goal filters) in aggregates (with compare),
 * timeseries (hours over Berlin's October DST day), the goal breakdown and goal-filtered
 * breakdowns by every visit dimension and the page must equal {@link GoalTruth} exactly, whether
 * rollups or raw rows answered (the header says which; the rollup answers are asserted where
 * they must be used). It catches a wrong booking: with the history fill counting each conversion
 * twice, {@link #everyGoalReportEqualsBruteForce} reports 2,791 mismatches.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GoalReportsTest {
    static final LocalDate FIRST = GoalTraffic.FIRST;
    static final LocalDate LAST = GoalTraffic.LAST;
    static final String ALL = "visitors,events,conversion_rate,group_conversion_rate,total_revenue,average_revenue";

    static RunningServer server;
    static ApiClient api;
    static List<Site> sites;
    static Map<Integer, RawTruth> truths;
    static Map<Integer, List<Goal>> goals;
    final List<String> failures = new ArrayList<>();
    int sourceChecks;
    int factChecks;
    /** Answers that said they came from raw rows. */
    int rawAnswers;
    /** Whether answers' sources are asserted (not while a fill is under way, when a report may mix them). */
    boolean assertSources = true;

    @BeforeAll
    static void start() throws Exception {
        GoalTraffic traffic = GoalTraffic.start("goals");
        server = traffic.server();
        api = traffic.api();
        sites = traffic.sites();
        truths = traffic.truths();
        goals = traffic.goals();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<Range> ranges() {
        return List.of(
                new Range("period=day&date=2025-10-26", LocalDate.of(2025, 10, 26), LocalDate.of(2025, 10, 26)),
                new Range("period=7d&date=2025-10-28", LocalDate.of(2025, 10, 22), LocalDate.of(2025, 10, 28)),
                new Range("period=custom&date=2025-10-13,2025-10-29", FIRST, LAST));
    }

    static final List<Property> BREAKDOWNS = List.of(Property.of(PropertyKind.SOURCE), Property.of(PropertyKind.COUNTRY),
            Property.of(PropertyKind.DEVICE), Property.of(PropertyKind.BROWSER), Property.of(PropertyKind.OS),
            Property.of(PropertyKind.PAGE), Property.of(PropertyKind.UTM_CAMPAIGN), Property.of(PropertyKind.CHANNEL),
            new Property(PropertyKind.PROPS, "plan"));

    static final List<List<Filter>> RESTS = List.of(List.of(),
            List.of(new Filter(Property.of(PropertyKind.SOURCE), Filter.Op.EQ, List.of("Google"))),
            List.of(new Filter(Property.of(PropertyKind.PAGE), Filter.Op.EQ, List.of("/pricing", "/blog/a")),
                    new Filter(Property.of(PropertyKind.COUNTRY), Filter.Op.NEQ, List.of("IN"))));

    @Test
    @Order(1)
    void everyGoalReportEqualsBruteForce() throws Exception {
        GoalTraffic.awaitGoalFacts(server);
        checkEverything(sites, true);
        assertTrue(sourceChecks > 20, "rollup answers were asserted " + sourceChecks + " times");
        assertTrue(failures.isEmpty(), failures.size() + " mismatches, first ones:\n"
                + failures.stream().limit(25).collect(Collectors.joining("\n")));
    }

    /**
     * The history fill stopped half-way, as a restart leaves it: the first site's fills are put
     * back to "days up to the middle of the traffic not filled" with those days' facts gone, and
     * the job is held on a lock of the site's visits. Every report must still equal brute force
     * (the unfilled days from raw rows, so some answers say "raw"); once the lock goes, the job
     * resumes at the day it stopped and books exactly the rows it had booked.
     */
    @Test
    @Order(2)
    void reportsAreRightWhileTheHistoryFillsAndTheFillResumes() throws Exception {
        GoalTraffic.awaitGoalFacts(server);
        Site site = sites.getFirst();
        String facts = "SELECT * FROM visit_goals WHERE site_id = " + site.id() + " ORDER BY fill_id, day, visit_id, visitor_id, page_id, currency";
        List<List<Object>> before = TestRows.rows(server, facts);
        assertTrue(before.size() > 100, "goal facts of the first site: " + before.size());
        int middle = (int) LocalDate.of(2025, 10, 24).toEpochDay();
        javax.sql.DataSource db = server.footfall().dataSource();
        try (java.sql.Connection hold = db.getConnection()) {
            hold.setAutoCommit(false);
            try (java.sql.Statement st = hold.createStatement()) {
                st.executeQuery("SELECT id FROM visits WHERE site_id = " + site.id() + " FOR UPDATE").close();
            }
            try (java.sql.Connection c = db.getConnection(); java.sql.Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE goal_fills SET done = 0, next_day = " + middle + ", built_through_day = NULL WHERE site_id = " + site.id());
                st.executeUpdate("DELETE FROM visit_goals WHERE site_id = " + site.id() + " AND day <= " + middle);
                st.executeUpdate("DELETE FROM goal_days WHERE site_id = " + site.id());
            }
            int sourcesBefore = rawAnswers;
            checkEverything(List.of(site), false);
            assertTrue(rawAnswers > sourcesBefore + 20, "answers partly from raw rows: " + (rawAnswers - sourcesBefore));
            assertTrue(failures.isEmpty(), failures.size() + " mismatches while the fill was stopped, first ones:\n"
                    + failures.stream().limit(25).collect(Collectors.joining("\n")));
            hold.rollback();
        }
        GoalTraffic.awaitGoalFacts(server);
        assertEquals(before, TestRows.rows(server, facts));
    }

    /**
     * A goal's definition changed: its old facts are dropped (and deleted in the background), a new
     * fill books the new definition's history, and reports follow the new definition at once.
     */
    @Test
    @Order(3)
    void aChangedGoalReportsItsNewDefinition() throws Exception {
        Site site = sites.getFirst();
        Goal old = goals.get(site.id()).stream().filter(g -> g.name().equals("Random page 0")).findFirst().orElseThrow();
        HttpResponse<String> res = api.send("PATCH", "/api/v1/sites/" + site.domain() + "/goals/" + old.id(),
                "{\"page_path\":\"/blog/**|/pricing\"}");
        assertEquals(200, res.statusCode(), res.body());
        goals.put(site.id(), server.footfall().goals().list(site.id()));
        Goal changed = goals.get(site.id()).stream().filter(g -> g.id() == old.id()).findFirst().orElseThrow();
        RawTruth truth = truths.get(site.id());
        GoalTruth conversions = new GoalTruth(truth);
        for (boolean filled : List.of(false, true)) {
            if (filled) {
                GoalTraffic.awaitGoalFacts(server);
                assertSources = true;
            } else {
                assertSources = false;
            }
            for (Range range : ranges()) {
                String base = "site_id=" + site.domain() + "&" + range.params();
                checkAggregate(truth, conversions, base, range, List.of(changed), List.of(), ALL, Optional.empty());
                checkBreakdown(truth, conversions, base, range, List.of(changed), List.of(), Property.of(PropertyKind.SOURCE), ALL);
            }
        }
        assertEquals(0, server.count("SELECT COUNT(*) FROM visit_goals WHERE fill_id NOT IN (SELECT id FROM goal_fills)"));
        assertTrue(failures.isEmpty(), failures.size() + " mismatches, first ones:\n"
                + failures.stream().limit(25).collect(Collectors.joining("\n")));
    }

    /** Every report of {@link #sites}: aggregates, timeseries, goal-filtered breakdowns and the goal breakdown; sources asserted when {@code sources}. */
    void checkEverything(List<Site> sites, boolean sources) {
        assertSources = sources;
        for (Site site : sites) {
            RawTruth truth = truths.get(site.id());
            GoalTruth conversions = new GoalTruth(truth);
            List<Goal> all = goals.get(site.id());
            List<List<Goal>> sets = new ArrayList<>();
            all.forEach(g -> sets.add(List.of(g)));
            sets.add(List.of(all.get(0), all.get(3)));
            sets.add(List.of(all.get(4), all.get(6), all.get(2)));
            for (Range range : ranges()) {
                String base = "site_id=" + site.domain() + "&" + range.params();
                for (List<Filter> rest : RESTS) {
                    for (List<Goal> set : sets) {
                        for (String metrics : List.of(ALL, "visitors,events,conversion_rate")) {
                            checkAggregate(truth, conversions, base, range, set, rest, metrics, Optional.empty());
                            checkTimeseries(truth, conversions, base, range, set, rest, metrics);
                        }
                        if (rest.isEmpty()) {
                            checkAggregate(truth, conversions, base, range, set, rest, ALL, Optional.of("USD"));
                            for (Property p : BREAKDOWNS) {
                                checkBreakdown(truth, conversions, base, range, set, rest, p, ALL);
                                checkBreakdown(truth, conversions, base, range, set, rest, p, "visitors,events,group_conversion_rate");
                            }
                        }
                    }
                    checkGoalBreakdown(truth, conversions, base, range, all, rest);
                }
            }
        }
    }

    /** Conversions summed over buckets: visitors are per-bucket distinct visitors, summed. */
    static final class Sum {
        long visitors;
        long events;
        final Map<String, BigDecimal> revenue = new TreeMap<>();
        final Map<String, Long> revenueEvents = new TreeMap<>();

        void add(GoalTruth.Cell c) {
            visitors += c.visitors.size();
            events += c.events;
            c.revenue.forEach((k, v) -> revenue.merge(k, v, BigDecimal::add));
            c.revenueEvents.forEach((k, v) -> revenueEvents.merge(k, v, Long::sum));
        }
    }

    private static Sum sum(Map<String, Map<Integer, GoalTruth.Cell>> cells) {
        Sum s = new Sum();
        cells.values().forEach(byBucket -> byBucket.values().forEach(s::add));
        return s;
    }

    static long visitors(RawTruth truth, List<Filter> rest, LocalDate from, LocalDate to) {
        Counts k = new Counts();
        truth.cells(Optional.empty(), rest, from, to, false).values().forEach(m -> m.values().forEach(k::add));
        return k.visitors;
    }

    private static double rate(long conversions, long visitors) {
        return visitors == 0 ? 0.0 : Math.round(1000.0 * conversions / visitors) / 10.0;
    }

    /** The metric values the definitions give; revenue as {value, currency} or null. */
    private static Map<String, Object> expected(String metrics, Sum s, long total, long group, Optional<String> currency) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String m : metrics.split(",")) {
            values.put(m, switch (m) {
                case "visitors" -> s.visitors;
                case "events" -> s.events;
                case "conversion_rate" -> rate(s.visitors, total);
                case "group_conversion_rate" -> rate(s.visitors, group);
                default -> {
                    String cur = currency.orElse(s.revenue.size() == 1 ? s.revenue.keySet().iterator().next() : null);
                    if (cur == null) {
                        yield null;
                    }
                    BigDecimal sum = s.revenue.getOrDefault(cur, BigDecimal.ZERO);
                    long n = s.revenueEvents.getOrDefault(cur, 0L);
                    BigDecimal value = m.equals("total_revenue") ? sum.setScale(2, RoundingMode.HALF_UP)
                            : n == 0 ? BigDecimal.ZERO : sum.divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_UP);
                    yield Map.of("value", value.doubleValue(), "currency", cur);
                }
            });
        }
        return values;
    }

    private void checkAggregate(RawTruth truth, GoalTruth conversions, String base, Range range, List<Goal> set, List<Filter> rest,
                                String metrics, Optional<String> currency) {
        String path = "/api/v1/stats/aggregate?" + base + "&compare=previous_period&metrics=" + metrics + filters(set, rest)
                + currency.map(c -> "&currency=" + c).orElse("");
        HttpResponse<String> res = api.get(path);
        if (!ok(path, res, source(set, rest, metrics, false))) {
            return;
        }
        Map<String, Object> body = api.object(res.body());
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> results = (Map<String, Map<String, Object>>) body.get("results");
        Sum now = sum(conversions.cells(set, rest, Optional.empty(), range.from(), range.to(), false));
        long total = visitors(truth, rest, range.from(), range.to());
        Map<String, Object> want = expected(metrics, now, total, total, currency);
        LocalDate prevTo = range.from().minusDays(1);
        LocalDate prevFrom = prevTo.minusDays(range.to().toEpochDay() - range.from().toEpochDay());
        Sum before = sum(conversions.cells(set, rest, Optional.empty(), prevFrom, prevTo, false));
        long totalBefore = visitors(truth, rest, prevFrom, prevTo);
        Map<String, Object> wantBefore = expected(metrics, before, totalBefore, totalBefore, currency);
        for (String m : metrics.split(",")) {
            compare(path, m, want.get(m), results.get(m).get("value"));
            compare(path + " change", m, change(Metric.parse(m), want.get(m), wantBefore.get(m)), results.get(m).get("change"));
        }
        boolean mixed = currency.isEmpty() && now.revenue.size() > 1 && metrics.contains("revenue");
        if (mixed != (body.get("warnings") != null)) {
            failures.add(path + ": warnings " + body.get("warnings") + " for currencies " + now.revenue.keySet());
        }
    }

    private static Double change(Metric m, Object now, Object before) {
        if (now instanceof Map<?, ?> a && before instanceof Map<?, ?> b) {
            return a.get("currency").equals(b.get("currency"))
                    ? MetricMath.change(m, (Number) a.get("value"), (Number) b.get("value")) : null;
        }
        return now instanceof Number a && before instanceof Number b ? MetricMath.change(m, a, b) : null;
    }

    private void checkTimeseries(RawTruth truth, GoalTruth conversions, String base, Range range, List<Goal> set, List<Filter> rest,
                                 String metrics) {
        boolean hourly = range.from().equals(range.to());
        String path = "/api/v1/stats/timeseries?" + base + "&interval=" + (hourly ? "hour" : "day") + "&metrics=" + metrics + filters(set, rest);
        HttpResponse<String> res = api.get(path);
        if (!ok(path, res, source(set, rest, metrics, hourly))) {
            return;
        }
        List<Map<String, Object>> rows = rows(res);
        Timeline timeline = new Timeline(new DateRange(range.from(), range.to()), hourly ? dev.footfall.model.stats.Interval.HOUR
                : dev.footfall.model.stats.Interval.DAY);
        Map<Integer, Sum> byKey = new HashMap<>();
        conversions.cells(set, rest, Optional.empty(), range.from(), range.to(), hourly).values()
                .forEach(byBucket -> byBucket.forEach((b, c) -> byKey.computeIfAbsent(timeline.keyOf(b), x -> new Sum()).add(c)));
        Map<Integer, Long> visitors = new HashMap<>();
        truth.cells(Optional.empty(), rest, range.from(), range.to(), hourly).values()
                .forEach(byBucket -> byBucket.forEach((b, k) -> visitors.merge(timeline.keyOf(b), k.visitors, Long::sum)));
        List<Integer> keys = timeline.keys();
        if (rows.size() != keys.size()) {
            failures.add(path + ": " + rows.size() + " buckets, expected " + keys.size());
            return;
        }
        for (int i = 0; i < keys.size(); i++) {
            long v = visitors.getOrDefault(keys.get(i), 0L);
            Map<String, Object> want = expected(metrics, byKey.getOrDefault(keys.get(i), new Sum()), v, v, Optional.empty());
            for (String m : metrics.split(",")) {
                compare(path + " @" + rows.get(i).get("date"), m, want.get(m), rows.get(i).get(m));
            }
        }
    }

    private void checkBreakdown(RawTruth truth, GoalTruth conversions, String base, Range range, List<Goal> set, List<Filter> rest,
                                Property p, String metrics) {
        String path = "/api/v1/stats/breakdown?" + base + "&limit=1000&property=" + RollupVersusRawTest.enc(p.wireName()) + "&metrics="
                + metrics + filters(set, rest);
        String source = null;
        if (!metrics.contains("revenue") && set.size() == 1 && set.getFirst().kind() == Goal.Kind.PAGE
                && Conversions.sameFilter(set.getFirst()).isPresent() && p.kind() != PropertyKind.PAGE && p.kind() != PropertyKind.PROPS) {
            source = RollupPairs.covers(Column.of(Property.of(PropertyKind.PAGE)).rollupDim(), Column.of(p).rollupDim()) ? "rollup" : "raw";
        } else if (metrics.contains("revenue") || Conversions.sameFilter(set.getFirst()).isEmpty()
                || p.kind() == PropertyKind.PAGE || p.kind() == PropertyKind.PROPS) {
            source = factsSource(set, rest, Optional.of(p), false);
        }
        HttpResponse<String> res = api.get(path);
        if (!ok(path, res, source)) {
            return;
        }
        Map<String, Sum> byLabel = new HashMap<>();
        conversions.cells(set, rest, Optional.of(p), range.from(), range.to(), false)
                .forEach((label, byBucket) -> byBucket.values().forEach(c -> byLabel.computeIfAbsent(label, x -> new Sum()).add(c)));
        byLabel.values().removeIf(s -> s.visitors == 0 && s.events == 0);
        Map<String, Long> groups = new HashMap<>();
        truth.cells(Optional.of(p), rest, range.from(), range.to(), false)
                .forEach((label, byBucket) -> byBucket.values().forEach(k -> groups.merge(label, k.visitors, Long::sum)));
        long total = visitors(truth, rest, range.from(), range.to());
        checkRows(path, rows(res), p.rowKey(), metrics, byLabel, total, groups);
    }

    private void checkGoalBreakdown(RawTruth truth, GoalTruth conversions, String base, Range range, List<Goal> all, List<Filter> rest) {
        String path = "/api/v1/stats/breakdown?" + base + "&property=event:goal&metrics=" + ALL + filters(List.of(), rest);
        HttpResponse<String> res = api.get(path);
        if (!ok(path, res, null)) {
            return;
        }
        Map<String, Sum> byGoal = new HashMap<>();
        for (Goal g : all) {
            Sum s = sum(conversions.cells(List.of(g), rest, Optional.empty(), range.from(), range.to(), false));
            if (s.visitors > 0 || s.events > 0) {
                byGoal.put(g.name(), s);
            }
        }
        long total = visitors(truth, rest, range.from(), range.to());
        Map<String, Long> groups = new HashMap<>();
        byGoal.keySet().forEach(name -> groups.put(name, total));
        checkRows(path, rows(res), "goal", ALL, byGoal, total, groups);
    }

    private void checkRows(String path, List<Map<String, Object>> rows, String key, String metrics, Map<String, Sum> expected, long total,
                           Map<String, Long> groups) {
        if (rows.size() != expected.size()) {
            failures.add(path + ": rows " + rows.stream().map(r -> r.get(key)).toList() + ", expected " + expected.keySet());
            return;
        }
        double previous = Double.MAX_VALUE;
        for (Map<String, Object> row : rows) {
            Sum s = expected.get((String) row.get(key));
            if (s == null) {
                failures.add(path + ": unexpected row " + row);
                continue;
            }
            Map<String, Object> want = expected(metrics, s, total, groups.getOrDefault((String) row.get(key), 0L), Optional.empty());
            for (String m : metrics.split(",")) {
                compare(path + " [" + row.get(key) + "]", m, want.get(m), row.get(m));
            }
            double first = ((Number) row.get("visitors")).doubleValue();
            if (first > previous) {
                failures.add(path + ": rows not sorted by visitors");
            }
            previous = first;
        }
    }

    /**
     * Where an aggregate or timeseries must come from: "rollup" when one goal that an existing
     * filter describes is asked without revenue and other filters; else {@link #factsSource}.
     */
    private String source(List<Goal> set, List<Filter> rest, String metrics, boolean hourly) {
        boolean revenue = metrics.contains("revenue");
        boolean eventLevel = rest.stream().anyMatch(f -> f.property().kind().eventLevel());
        if (set.size() == 1 && !revenue && Conversions.sameFilter(set.getFirst()).isPresent() && !eventLevel) {
            if (!rest.isEmpty()) {
                return assertSources ? "raw" : null;
            }
            sourceChecks++;
            return "rollup";
        }
        return factsSource(set, rest, Optional.empty(), hourly);
    }

    /** "goal" once the goal facts are filled, for one goal by day grouped and filtered by what they hold; else "raw". */
    private String factsSource(List<Goal> set, List<Filter> rest, Optional<Property> by, boolean hourly) {
        if (!assertSources) {
            return null;
        }
        boolean facts = set.size() == 1 && !hourly && GoalCells.answers(rest, by.map(Column::of));
        factChecks += facts ? 1 : 0;
        return facts ? "goal" : "raw";
    }

    private static String filters(List<Goal> set, List<Filter> rest) {
        List<String> parts = new ArrayList<>();
        if (!set.isEmpty()) {
            parts.add("event:goal==" + set.stream().map(Goal::name).collect(Collectors.joining("|")));
        }
        rest.forEach(f -> parts.add(f.property().wireName() + f.op().symbol() + String.join("|", f.values())));
        return parts.isEmpty() ? "" : "&filters=" + RollupVersusRawTest.enc(String.join(";", parts));
    }

    private boolean ok(String path, HttpResponse<String> res, String source) {
        rawAnswers += res.headers().firstValue("X-Footfall-Source").orElse("").equals("raw") ? 1 : 0;
        return RollupVersusRawTest.ok(failures, path, res, source);
    }

    private void compare(String where, String metric, Object expected, Object actual) {
        boolean same = expected == null ? actual == null
                : expected instanceof Number n ? actual instanceof Number a && a.doubleValue() == n.doubleValue()
                : expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> m && e.get("currency").equals(m.get("currency"))
                        && ((Number) e.get("value")).doubleValue() == ((Number) m.get("value")).doubleValue();
        if (!same) {
            failures.add(where + ": " + metric + " = " + actual + ", expected " + expected);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> rows(HttpResponse<String> res) {
        return (List<Map<String, Object>>) api.object(res.body()).get("results");
    }
}
