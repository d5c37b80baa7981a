package dev.footfall.server.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.footfall.model.stats.Filter;
import dev.footfall.model.stats.Interval;
import dev.footfall.model.stats.Metric;
import dev.footfall.model.stats.Property;
import dev.footfall.model.stats.PropertyKind;
import dev.footfall.server.ApiClient;
import dev.footfall.server.RunningServer;
import dev.footfall.server.event.Source;
import dev.footfall.server.rollup.RollupDim;
import dev.footfall.server.rollup.RollupPairs;
import dev.footfall.server.site.Site;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stats API against brute force: random traffic on three sites (Berlin with its October DST
 * change, Kolkata at +05:30, Adelaide at +09:30 with its own DST change) goes through the real
 * batch writer; then every metric of every property and period, unfiltered (rollups) and with
 * filters (rollup rows of one value, or raw rows), must equal {@link RawTruth} exactly.
 */
class RollupVersusRawTest {
    static final String TOKEN = "test-admin-token";
    static final LocalDate FIRST = LocalDate.of(2025, 9, 28);
    static final LocalDate LAST = LocalDate.of(2025, 10, 29);

    static RunningServer server;
    static ApiClient api;
    static final List<Site> sites = new ArrayList<>();
    static final Map<Integer, RawTruth> truths = new HashMap<>();
    final List<String> failures = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.startWithAdminToken(TOKEN);
        api = new ApiClient(server, TOKEN);
        ZoneId[] zones = RandomTraffic.zones();
        for (int i = 0; i < zones.length; i++) {
            Site site = RandomTraffic.site(server.footfall(), "site" + i + ".test", zones[i], 42 + i, FIRST, LAST, 14);
            sites.add(site);
            truths.put(site.id(), new RawTruth(server.footfall().dataSource(), site.id(), site.zone()));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Range(String params, LocalDate from, LocalDate to) {
    }

    static List<Range> ranges() {
        return List.of(
                new Range("period=day&date=2025-10-05", LocalDate.of(2025, 10, 5), LocalDate.of(2025, 10, 5)),
                new Range("period=day&date=2025-10-26", LocalDate.of(2025, 10, 26), LocalDate.of(2025, 10, 26)),
                new Range("period=7d&date=2025-10-28", LocalDate.of(2025, 10, 22), LocalDate.of(2025, 10, 28)),
                new Range("period=30d&date=2025-10-31", LocalDate.of(2025, 10, 2), LocalDate.of(2025, 10, 31)),
                new Range("period=month&date=2025-10-10", LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 31)),
                new Range("period=custom&date=2025-10-03,2025-10-19", LocalDate.of(2025, 10, 3), LocalDate.of(2025, 10, 19)));
    }

    /**
     * Pair rollups answer a breakdown by {@code b} filtered on one value of {@code filter} where the
     * writer keeps them, and with visit metrics only where they carry visit counters.
     */
    static String pairSource(Property filter, Property b, List<Metric> metrics) {
        RollupDim f = Column.of(filter).rollupDim();
        boolean counters = RollupPairs.carryVisitCounters(f) || metrics.stream().noneMatch(Metric::visitLevel);
        return !filter.equals(b) && counters && RollupPairs.covers(f, Column.of(b).rollupDim()) ? "rollup" : "raw";
    }

    static List<Property> properties() {
        List<Property> list = new ArrayList<>();
        for (PropertyKind kind : PropertyKind.values()) {
            if (kind == PropertyKind.GOAL) {
                continue; // goal reports have their own brute force, GoalReportsTest
            }
            list.add(kind == PropertyKind.PROPS ? new Property(kind, "plan") : Property.of(kind));
        }
        return list;
    }

    @Test
    void everyReportEqualsTheRawAnswer() {
        for (Site site : sites) {
            RawTruth truth = truths.get(site.id());
            for (Range range : ranges()) {
                String base = "site_id=" + site.domain() + "&" + range.params();
                checkAggregate(truth, base, range, List.of(), "rollup");
                checkTimeseries(truth, base, range, List.of(), range.from().equals(range.to()) ? Interval.HOUR : Interval.DAY, "rollup");
                checkTimeseries(truth, base, range, List.of(), Interval.WEEK, "rollup");
                for (Property p : properties()) {
                    boolean rollup = p.kind() != PropertyKind.EXIT_PAGE;
                    checkBreakdown(truth, base, range, p, List.copyOf(p.kind().metrics()), List.of(), rollup ? "rollup" : "raw");
                }
                for (Property p : properties()) {
                    String value = new TreeSet<>(truth.values(p)).first();
                    List<Filter> one = List.of(new Filter(p, Filter.Op.EQ, List.of(value)));
                    List<Metric> own = List.copyOf(p.kind().metrics());
                    // A page's rows carry the visit counters of the visits that saw it: all metrics from rollups.
                    String pageRollup = p.kind() == PropertyKind.PAGE ? "rollup" : null;
                    checkAggregate(truth, base, range, one, pageRollup);
                    checkTimeseries(truth, base, range, one, Interval.DAY, pageRollup);
                    checkBreakdown(truth, base, range, p, own, one, p.kind() == PropertyKind.EXIT_PAGE ? "raw" : "rollup");
                    Property other = p.kind() == PropertyKind.BROWSER ? Property.of(PropertyKind.PAGE) : Property.of(PropertyKind.BROWSER);
                    List<Metric> otherMetrics = List.copyOf(other.kind().metrics());
                    checkBreakdown(truth, base, range, other, otherMetrics, one, pairSource(p, other, otherMetrics));
                    // Every pair rollup the writer keeps for this filter, against brute force, with all the
                    // breakdown's metrics and with its event-level ones alone.
                    for (Property b : properties()) {
                        if (b.equals(other) || b.equals(p) || !RollupPairs.covers(Column.of(p).rollupDim(), Column.of(b).rollupDim())) {
                            continue;
                        }
                        List<Metric> all = List.copyOf(b.kind().metrics());
                        checkBreakdown(truth, base, range, b, all, one, pairSource(p, b, all));
                        List<Metric> eventLevel = all.stream().filter(m -> !m.visitLevel()).toList();
                        if (eventLevel.size() < all.size()) {
                            checkBreakdown(truth, base, range, b, eventLevel, one, pairSource(p, b, eventLevel));
                        }
                    }
                }
                List<List<Filter>> combos = List.of(
                        List.of(new Filter(Property.of(PropertyKind.PAGE), Filter.Op.CONTAINS, List.of("blog"))),
                        List.of(new Filter(Property.of(PropertyKind.SOURCE), Filter.Op.NEQ, List.of("Google", "Reddit"))),
                        List.of(new Filter(Property.of(PropertyKind.PAGE), Filter.Op.EQ, List.of("/pricing", "/docs")),
                                new Filter(Property.of(PropertyKind.COUNTRY), Filter.Op.EQ, List.of("DE", "IN"))),
                        List.of(new Filter(new Property(PropertyKind.PROPS, "plan"), Filter.Op.EQ, List.of("pro")),
                                new Filter(Property.of(PropertyKind.DEVICE), Filter.Op.NEQ, List.of("Tablet"))),
                        List.of(new Filter(Property.of(PropertyKind.ENTRY_PAGE), Filter.Op.CONTAINS, List.of("doc", "about")),
                                new Filter(Property.of(PropertyKind.BROWSER), Filter.Op.EQ, List.of("Firefox"))),
                        List.of(new Filter(Property.of(PropertyKind.REGION), Filter.Op.EQ, List.of("DE-BY", "US-NY")),
                                new Filter(Property.of(PropertyKind.CITY), Filter.Op.NEQ, List.of("2861650"))));
                for (List<Filter> filters : combos) {
                    checkAggregate(truth, base, range, filters, "raw");
                    checkTimeseries(truth, base, range, filters, Interval.DAY, "raw");
                    checkBreakdown(truth, base, range, Property.of(PropertyKind.SOURCE), List.copyOf(Metric.STANDARD), filters, "raw");
                    checkBreakdown(truth, base, range, Property.of(PropertyKind.PAGE), List.copyOf(PropertyKind.PAGE.metrics()), filters, "raw");
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " mismatches, first ones:\n"
                + failures.stream().limit(25).collect(Collectors.joining("\n")));
    }

    private void checkAggregate(RawTruth truth, String base, Range range, List<Filter> filters, String source) {
        List<Metric> metrics = List.copyOf(Metric.STANDARD);
        String path = "/api/v1/stats/aggregate?" + base + params(metrics, filters);
        HttpResponse<String> res = api.get(path);
        if (!ok(path, res, source)) {
            return;
        }
        Map<String, Map<String, Object>> results = api.parse(res.body(),
                new TypeReference<Map<String, Map<String, Map<String, Object>>>>() { }).get("results");
        Counts expected = sum(truth.cells(Optional.empty(), filters, range.from(), range.to(), false));
        for (Metric m : metrics) {
            compare(path, m, MetricMath.value(m, expected), results.get(m.wireName()).get("value"));
        }
    }

    private void checkTimeseries(RawTruth truth, String base, Range range, List<Filter> filters, Interval interval, String source) {
        List<Metric> metrics = List.copyOf(Metric.STANDARD);
        String path = "/api/v1/stats/timeseries?" + base + "&interval=" + interval.wireName() + params(metrics, filters);
        HttpResponse<String> res = api.get(path);
        if (!ok(path, res, source)) {
            return;
        }
        List<Map<String, Object>> rows = rows(res);
        Timeline timeline = new Timeline(new DateRange(range.from(), range.to()), interval);
        Map<Integer, Counts> expected = new HashMap<>();
        truth.cells(Optional.empty(), filters, range.from(), range.to(), interval == Interval.HOUR).values()
                .forEach(byBucket -> byBucket.forEach((b, k) -> expected.computeIfAbsent(timeline.keyOf(b), x -> new Counts()).add(k)));
        List<Integer> keys = timeline.keys();
        if (rows.size() != keys.size()) {
            failures.add(path + ": " + rows.size() + " buckets, expected " + keys.size());
            return;
        }
        for (int i = 0; i < keys.size(); i++) {
            assertEquals(timeline.label(keys.get(i)), rows.get(i).get("date"), path);
            Counts k = expected.getOrDefault(keys.get(i), new Counts());
            for (Metric m : metrics) {
                compare(path + " @" + rows.get(i).get("date"), m, MetricMath.value(m, k), rows.get(i).get(m.wireName()));
            }
        }
    }

    private void checkBreakdown(RawTruth truth, String base, Range range, Property p, List<Metric> metrics, List<Filter> filters,
                                String source) {
        List<Metric> ordered = metrics.stream().sorted().toList();
        String path = "/api/v1/stats/breakdown?" + base + "&limit=1000&property=" + enc(p.wireName()) + params(ordered, filters);
        HttpResponse<String> res = api.get(path);
        if (!ok(path, res, source)) {
            return;
        }
        Map<String, Counts> expected = new HashMap<>();
        truth.cells(Optional.of(p), filters, range.from(), range.to(), false)
                .forEach((label, byBucket) -> byBucket.values().forEach(k -> expected.computeIfAbsent(label, x -> new Counts()).add(k)));
        expected.values().removeIf(Counts::isEmpty);
        if (p.kind().nameKey() != null) {
            expected.remove("");
        }
        List<Map<String, Object>> rows = rows(res);
        if (rows.size() != expected.size()) {
            failures.add(path + ": rows " + rows.stream().map(r -> r.get(p.rowKey())).toList() + ", expected " + expected.keySet());
            return;
        }
        double previous = Double.MAX_VALUE;
        for (Map<String, Object> row : rows) {
            String label = String.valueOf(row.get(p.rowKey()));
            Counts k = expected.get(label);
            if (k == null) {
                failures.add(path + ": unexpected row " + row);
                continue;
            }
            if (p.kind().nameKey() != null && !truth.name(label).equals(row.get(p.kind().nameKey()))) {
                failures.add(path + ": row " + row + " is not named " + truth.name(label));
            }
            for (Metric m : ordered) {
                compare(path + " [" + row.get(p.rowKey()) + "]", m, MetricMath.value(m, k), row.get(m.wireName()));
            }
            double first = ((Number) row.get(ordered.getFirst().wireName())).doubleValue();
            if (first > previous) {
                failures.add(path + ": rows not sorted by " + ordered.getFirst().wireName());
            }
            previous = first;
        }
    }

    private boolean ok(String path, HttpResponse<String> res, String source) {
        return ok(failures, path, res, source);
    }

    /** True for a 200; a failure is noted for another status, and for an answer from other rows than {@code source} (null: either). */
    static boolean ok(List<String> failures, String path, HttpResponse<String> res, String source) {
        if (res.statusCode() != 200) {
            failures.add(path + ": status " + res.statusCode() + " " + res.body());
            return false;
        }
        String actual = res.headers().firstValue("X-Footfall-Source").orElse("");
        if (source != null && !source.equals(actual)) {
            failures.add(path + ": answered from " + actual + ", expected " + source);
        }
        return true;
    }

    private void compare(String where, Metric m, Number expected, Object actual) {
        if (!(actual instanceof Number n) || n.doubleValue() != expected.doubleValue()) {
            failures.add(where + ": " + m.wireName() + " = " + actual + ", expected " + expected);
        }
    }

    private List<Map<String, Object>> rows(HttpResponse<String> res) {
        return api.parse(res.body(), new TypeReference<Map<String, List<Map<String, Object>>>>() { }).get("results");
    }

    private static Counts sum(Map<String, Map<Integer, Counts>> cells) {
        Counts total = new Counts();
        cells.values().forEach(m -> m.values().forEach(total::add));
        return total;
    }

    static String params(List<Metric> metrics, List<Filter> filters) {
        String m = "&metrics=" + metrics.stream().map(Metric::wireName).collect(Collectors.joining(","));
        if (filters.isEmpty()) {
            return m;
        }
        return m + "&filters=" + enc(filters.stream().map(f -> f.property().wireName() + f.op().symbol() + String.join("|", f.values()))
                .collect(Collectors.joining(";")));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static {
        assertEquals(8, Metric.STANDARD.size());
    }
}
