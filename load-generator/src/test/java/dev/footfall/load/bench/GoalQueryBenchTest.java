package dev.footfall.load.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.load.simulate.Backfill;
import dev.footfall.model.stats.GoalInfo;
import dev.footfall.server.RunningServer;
import dev.footfall.server.TestInfra;
import dev.footfall.traffic.Population;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code bench query --goals} against a real Footfall in this JVM (embedded MariaDB and Redis from
 * the server's test-jar, a small shop backfill): it creates its goals and funnel once however
 * often it runs, every report answers with the server's time, and the new goal's history
 * measurement converges on the reference the standard engine counts.
 */
class GoalQueryBenchTest {
    static final String TOKEN = "goal-bench-admin";
    static final String SITE = "site1.example";
    static RunningServer server;
    static URI url;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(TestInfra.adminConfig(TOKEN));
        url = server.uri("/");
        new Backfill(url, TOKEN, "Europe/Berlin", new PrintStream(new ByteArrayOutputStream()))
                .run(Population.create(1, 400, 11), 10, 8_000, 700, 3);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void runsTwiceOnTheSameGoalsAndEveryReportAnswers() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Berlin"));
        GoalQueryBench bench = new GoalQueryBench(url, TOKEN, SITE);
        bench.run(List.of("7d", "30d"), "EUR", 0, 1, 1, today, print);
        long goals = server.count("SELECT COUNT(*) FROM goals");
        long funnels = server.count("SELECT COUNT(*) FROM funnels");
        // Four reported goals, three more funnel steps, the history goal.
        assertEquals(4 + 3 + 1, goals, out.toString(StandardCharsets.UTF_8));
        assertEquals(1, funnels);

        bench.run(List.of("7d"), "EUR", 0, 1, 1, today, print);
        assertEquals(goals, server.count("SELECT COUNT(*) FROM goals"), "no goal created twice");
        assertEquals(1, server.count("SELECT COUNT(*) FROM funnels"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("| goal revenue: aggregate | 7d |"), text);
        assertTrue(text.contains("| funnel 5 steps | 90d |"), text);
        assertTrue(text.contains("new pattern goal's 90 days answered correctly"), text);
    }

    @Test
    void everyReportHasTheServersTimeAndTheHistoryGoalConverges() throws Exception {
        GoalQueryBench bench = new GoalQueryBench(url, TOKEN, SITE);
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Berlin"));
        List<GoalQueryBench.Stored> goals = bench.ensureGoals(GoalQueryBench.GOALS.stream().map(GoalQueryBench.BenchGoal::definition).toList());
        int funnel = bench.ensureFunnel(bench.ensureGoals(GoalQueryBench.FUNNEL_STEPS));
        List<QueryBench.Report> reports = GoalQueryBench.reports(SITE, List.of("30d"), GoalQueryBench.GOALS,
                goals.stream().map(GoalQueryBench.Stored::name).toList(), "EUR", funnel, List.of("30d"), today);
        Map<QueryBench.Report, QueryBench.Samples> samples = new QueryBench(url, TOKEN).run(reports, 0, 1,
                new PrintStream(new ByteArrayOutputStream()));
        samples.forEach((r, s) -> assertFalse(Double.isNaN(s.serverP(50)), "Server-Timing of " + r));

        GoalQueryBench.History h = bench.history(today, Duration.ofMinutes(1), new PrintStream(new ByteArrayOutputStream()));
        assertTrue(h.reference() > 0, "the shop has product pages: " + h);
        assertEquals(h.reference(), h.conversions());
        assertFalse(Double.isNaN(h.seconds()));
    }

    @Test
    void reportsCoverEveryGoalRangeAndBreakdown() {
        List<QueryBench.Report> reports = GoalQueryBench.reports(SITE, List.of("7d", "30d", "90d"), GoalQueryBench.GOALS,
                List.of("A", "B", "C", "D"), "EUR", 5, List.of("30d", "90d"), LocalDate.of(2026, 3, 29));
        // Per range: 4 goals × (aggregate + timeseries + 7 breakdowns) + the event:goal breakdown; then 2 funnels.
        assertEquals(3 * (4 * 9 + 1) + 2, reports.size());
        QueryBench.Report revenue = reports.stream().filter(r -> r.endpoint().equals("goal revenue: aggregate")).findFirst().orElseThrow();
        assertTrue(revenue.path().contains("total_revenue") && revenue.path().contains("currency=EUR"), revenue.path());
        assertTrue(revenue.path().contains("filters=event%3Agoal%3D%3DC"), revenue.path());
        QueryBench.Report funnel90 = reports.getLast();
        assertEquals("/api/v1/stats/funnel?site_id=site1.example&period=custom&date=2025-12-30,2026-03-29&funnel_id=5", funnel90.path());
        assertTrue(reports.stream().filter(r -> r.endpoint().startsWith("goal pageview pattern: breakdown"))
                .anyMatch(r -> r.path().contains("property=visit:utm_source")));
    }

    @Test
    void globMatchesAsTheServerDoes() {
        Pattern p = GoalQueryBench.glob("/products/*|/sale|/blog/**");
        assertTrue(p.matcher("/products/trail-shoes").matches());
        assertFalse(p.matcher("/products").matches());
        assertFalse(p.matcher("/products/a/b").matches());
        assertTrue(p.matcher("/sale").matches());
        assertFalse(p.matcher("/sale/x").matches());
        assertTrue(p.matcher("/blog/a/b").matches());
        assertFalse(GoalQueryBench.glob("/a.b").matcher("/axb").matches(), "literal, not a regex");
    }

    @Test
    void sameDefinitionIgnoresTheNameAndAbsentProperties() {
        GoalInfo a = new GoalInfo(3, "event", "Buy", null, "Purchase", Map.of(), null);
        GoalInfo b = new GoalInfo(null, "event", null, null, "Purchase", null, null);
        assertTrue(GoalQueryBench.sameDefinition(a, b));
        assertFalse(GoalQueryBench.sameDefinition(a, new GoalInfo(null, "event", null, null, "Purchase", Map.of("k", "v"), null)));
        assertFalse(GoalQueryBench.sameDefinition(new GoalInfo(null, "scroll", null, "/x", null, null, 75),
                new GoalInfo(null, "scroll", null, "/x", null, null, 50)));
    }

    @Test
    void verdictHoldsEachGroupToItsTarget() {
        QueryBench.Samples fast = samples(10, 20);
        QueryBench.Samples funnelSlow = samples(400, 600);
        Map<QueryBench.Report, QueryBench.Samples> samples = new java.util.LinkedHashMap<>();
        samples.put(new QueryBench.Report("goal scroll: aggregate", "90d", "event:goal==S", "/a"), fast);
        samples.put(new QueryBench.Report("funnel 5 steps", "30d", "", "/f"), samples(100, 200));
        samples.put(new QueryBench.Report("funnel 5 steps", "90d", "", "/g"), funnelSlow);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        GoalQueryBench.History quick = new GoalQueryBench.History(0.2, 1, 10, 10);
        assertTrue(GoalQueryBench.verdict(samples, List.of(quick), quiet), "600 ms is within the 90-day funnel's second");
        samples.put(new QueryBench.Report("funnel 5 steps", "30d", "", "/f"), funnelSlow);
        assertFalse(GoalQueryBench.verdict(samples, List.of(quick), quiet), "600 ms misses the 30-day funnel's 500 ms");
        samples.put(new QueryBench.Report("funnel 5 steps", "30d", "", "/f"), fast);
        assertFalse(GoalQueryBench.verdict(samples, List.of(new GoalQueryBench.History(Double.NaN, 9, 1, 10)), quiet), "never converged");
        samples.put(new QueryBench.Report("goal scroll: aggregate", "90d", "event:goal==S", "/a"), samples(40, 51));
        assertFalse(GoalQueryBench.verdict(samples, List.of(quick), quiet), "51 ms misses the goal reports' 50 ms");
    }

    private static QueryBench.Samples samples(double... serverMs) {
        QueryBench.Samples s = new QueryBench.Samples();
        for (double ms : serverMs) {
            s.serverMs.add(ms);
            s.clientMs.add(ms + 1);
        }
        return s;
    }
}
