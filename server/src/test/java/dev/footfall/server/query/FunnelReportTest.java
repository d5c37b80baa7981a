package dev.footfall.server.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.model.stats.Filter;
import dev.footfall.model.stats.Property;
import dev.footfall.model.stats.PropertyKind;
import dev.footfall.server.ApiClient;
import dev.footfall.server.RunningServer;
import dev.footfall.server.goal.Goal;
import dev.footfall.server.query.RollupVersusRawTest.Range;
import dev.footfall.server.site.Site;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Funnel reports against brute force: {@link GoalTraffic}'s two sites (Berlin with its October
 * DST day, Kolkata at +05:30) get a fixed checkout-like funnel and random funnels of 2 to 5 of
 * their goals, created over the API; every step's visitors, drop-off, both conversion rates and
 * revenue, the entering and all visitors, over a day, 7 days and the whole range, unfiltered and
 * under visit filters, with the previous period, must equal {@link FunnelTruth} exactly.
 */
class FunnelReportTest {
    static RunningServer server;
    static ApiClient api;
    static GoalTraffic traffic;
    /** Site id → its funnels' ids and steps. */
    static final Map<Integer, Map<Integer, List<Goal>>> funnels = new HashMap<>();
    final List<String> failures = new ArrayList<>();
    int nonEmptyLastSteps;

    static final List<List<Filter>> FILTERS = List.of(List.of(),
            List.of(new Filter(Property.of(PropertyKind.SOURCE), Filter.Op.EQ, List.of("Google"))),
            List.of(new Filter(Property.of(PropertyKind.COUNTRY), Filter.Op.NEQ, List.of("IN")),
                    new Filter(Property.of(PropertyKind.DEVICE), Filter.Op.EQ, List.of("Desktop", "Mobile"))));

    @BeforeAll
    static void start() throws Exception {
        traffic = GoalTraffic.start("funnels");
        server = traffic.server();
        api = traffic.api();
        for (Site site : traffic.sites()) {
            List<Goal> goals = traffic.goals().get(site.id());
            Map<String, Goal> byName = new HashMap<>();
            goals.forEach(g -> byName.put(g.name(), g));
            List<List<Goal>> sets = new ArrayList<>();
            sets.add(List.of(byName.get("Visit /pricing"), byName.get("Signup"), byName.get("Purchase")));
            sets.add(List.of(byName.get("Purchase"), byName.get("Visit /pricing")));
            Random random = new Random(31 + site.id());
            for (int f = 0; f < 8; f++) {
                List<Goal> shuffled = new ArrayList<>(goals);
                Collections.shuffle(shuffled, random);
                sets.add(shuffled.subList(0, 2 + random.nextInt(4)));
            }
            Map<Integer, List<Goal>> made = new HashMap<>();
            for (int f = 0; f < sets.size(); f++) {
                String steps = sets.get(f).stream().map(g -> String.valueOf(g.id())).collect(Collectors.joining(","));
                HttpResponse<String> res = api.send("POST", "/api/v1/sites/" + site.domain() + "/funnels",
                        "{\"name\":\"Funnel " + f + "\",\"steps\":[" + steps + "]}");
                assertEquals(201, res.statusCode(), res.body());
                made.put(((Number) api.object(res.body()).get("id")).intValue(), sets.get(f));
            }
            funnels.put(site.id(), made);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyFunnelStepEqualsBruteForce() {
        for (Site site : traffic.sites()) {
            RawTruth truth = traffic.truths().get(site.id());
            FunnelTruth funnelTruth = new FunnelTruth(truth);
            for (Range range : GoalReportsTest.ranges()) {
                for (List<Filter> filters : FILTERS) {
                    funnels.get(site.id()).forEach((id, steps) -> check(site, truth, funnelTruth, range, filters, id, steps));
                }
            }
        }
        assertTrue(nonEmptyLastSteps > 10, "funnels completed to the last step in only " + nonEmptyLastSteps + " reports");
        assertTrue(failures.isEmpty(), failures.size() + " mismatches, first ones:\n"
                + failures.stream().limit(25).collect(Collectors.joining("\n")));
    }

    private void check(Site site, RawTruth truth, FunnelTruth funnelTruth, Range range, List<Filter> filters, int id, List<Goal> steps) {
        String path = "/api/v1/stats/funnel?site_id=" + site.domain() + "&" + range.params() + "&funnel_id=" + id
                + "&compare=previous_period" + filterParam(filters);
        HttpResponse<String> res = api.get(path);
        if (!RollupVersusRawTest.ok(failures, path, res, "raw")) {
            return;
        }
        Map<String, Object> body = api.object(res.body());
        compare(path, body, truth, funnelTruth, filters, range.from(), range.to(), steps);
        LocalDate prevTo = range.from().minusDays(1);
        LocalDate prevFrom = prevTo.minusDays(range.to().toEpochDay() - range.from().toEpochDay());
        @SuppressWarnings("unchecked")
        Map<String, Object> comparison = (Map<String, Object>) body.get("comparison");
        compare(path + " (previous)", comparison, truth, funnelTruth, filters, prevFrom, prevTo, steps);
    }

    private void compare(String path, Map<String, Object> body, RawTruth truth, FunnelTruth funnelTruth, List<Filter> filters, LocalDate from,
                         LocalDate to, List<Goal> goals) {
        FunnelTruth.Steps want = funnelTruth.steps(goals, filters, from, to);
        long all = GoalReportsTest.visitors(truth, filters, from, to);
        long entering = want.visitors()[0];
        same(path, "all_visitors", all, body.get("all_visitors"));
        same(path, "entering_visitors", entering, body.get("entering_visitors"));
        same(path, "entering_visitors_percentage", GoalReports.rate(entering, all), body.get("entering_visitors_percentage"));
        same(path, "never_entering_visitors", all - entering, body.get("never_entering_visitors"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> steps = (List<Map<String, Object>>) body.get("steps");
        if (steps.size() != goals.size()) {
            failures.add(path + ": " + steps.size() + " steps, expected " + goals.size());
            return;
        }
        for (int i = 0; i < goals.size(); i++) {
            String where = path + " step " + (i + 1);
            long visitors = want.visitors()[i];
            long previous = i == 0 ? visitors : want.visitors()[i - 1];
            Map<String, Object> step = steps.get(i);
            same(where, "goal", goals.get(i).name(), step.get("goal"));
            same(where, "visitors", visitors, step.get("visitors"));
            same(where, "dropoff", previous - visitors, step.get("dropoff"));
            same(where, "dropoff_percentage", GoalReports.rate(previous - visitors, previous), step.get("dropoff_percentage"));
            same(where, "conversion_rate", GoalReports.rate(visitors, entering), step.get("conversion_rate"));
            same(where, "conversion_rate_step", GoalReports.rate(visitors, previous), step.get("conversion_rate_step"));
            List<String> revenue = want.revenue().get(i).entrySet().stream()
                    .map(e -> e.getValue().setScale(2, RoundingMode.HALF_UP).doubleValue() + " " + e.getKey()).toList();
            same(where, "total_revenue", revenue.isEmpty() ? null : revenue, money(step.get("total_revenue")));
        }
        if (want.visitors()[goals.size() - 1] > 0) {
            nonEmptyLastSteps++;
        }
    }

    private void same(String where, String field, Object expected, Object actual) {
        boolean equal = expected instanceof Number n ? actual instanceof Number a && a.doubleValue() == n.doubleValue()
                : String.valueOf(expected).equals(String.valueOf(actual));
        if (!equal) {
            failures.add(where + ": " + field + " = " + actual + ", expected " + expected);
        }
    }

    /** A {@code total_revenue} list as "19.99 EUR" strings, null when absent. */
    private static List<String> money(Object list) {
        if (!(list instanceof List<?> values)) {
            return null;
        }
        return values.stream().map(v -> (Map<?, ?>) v).map(m -> ((Number) m.get("value")).doubleValue() + " " + m.get("currency")).toList();
    }

    private static String filterParam(List<Filter> filters) {
        if (filters.isEmpty()) {
            return "";
        }
        return "&filters=" + RollupVersusRawTest.enc(filters.stream().map(f -> f.property().wireName() + f.op().symbol()
                + String.join("|", f.values())).collect(Collectors.joining(";")));
    }
}
