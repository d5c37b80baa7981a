package dev.footfall.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.server.RunningServer;
import dev.footfall.server.TestInfra;
import dev.footfall.server.event.EventKind;
import dev.footfall.server.event.Hit;
import dev.footfall.server.event.Location;
import dev.footfall.server.event.Measures;
import dev.footfall.server.event.Revenue;
import dev.footfall.server.event.Software;
import dev.footfall.server.event.Source;
import dev.footfall.server.event.Utm;
import dev.footfall.server.event.Visitor;
import dev.footfall.server.goal.Goal;
import dev.footfall.server.goal.PathPattern;
import dev.footfall.server.session.Buckets;
import dev.footfall.server.site.Site;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The retention job deletes exactly the raw rows older than the period and keeps every rollup; the
 * visit facts and goal facts, which reports read in place of the raw rows, go for the site-local
 * days before the cutoff's.
 */
class RetentionTest {
    static final long DAY_MS = Duration.ofDays(1).toMillis();

    @Test
    void deletesExactlyWhatIsOlderThanThePeriod() throws Exception {
        try (RunningServer server = RunningServer.start(TestInfra.freshConfig())) {
            server.footfall().sites().create("retention.test", ZoneId.of("UTC"), false);
            server.footfall().sites().create("other.test", ZoneId.of("Europe/Berlin"), false);
            Site a = server.footfall().sites().find("retention.test").orElseThrow();
            Site b = server.footfall().sites().find("other.test").orElseThrow();
            long now = System.currentTimeMillis();
            long cutoff = now - 30 * DAY_MS;
            List<Hit> hits = new ArrayList<>();
            long[] ages = {45 * DAY_MS, 31 * DAY_MS, 30 * DAY_MS + 1, 30 * DAY_MS - 60_000, 29 * DAY_MS, DAY_MS, 0};
            for (long age : ages) {
                hits.add(pageview(a, now - age, age + 1));
                hits.add(pageview(b, now - age, age + 2));
            }
            server.footfall().writer().submit(hits).get(30, TimeUnit.SECONDS);
            long old = server.count("SELECT COUNT(*) FROM events WHERE ts < ?", cutoff);
            assertEquals(6L, old, "three ages past the cutoff on each of two sites");
            Map<String, Object> rollupsBefore = server.row("SELECT SUM(pageviews) p, SUM(visits) v FROM rollup_daily WHERE dim = 0");

            long deleted = new Retention(server.footfall().dataSource(), server.footfall().sites(), Duration.ofDays(30)).run(now);

            assertEquals(6L, deleted);
            assertEquals(0L, server.count("SELECT COUNT(*) FROM events WHERE ts < ?", cutoff));
            assertEquals(8L, server.count("SELECT COUNT(*) FROM events"));
            assertEquals(0L, server.count("SELECT COUNT(*) FROM visits WHERE start_ts < ?", cutoff));
            assertEquals(8L, server.count("SELECT COUNT(*) FROM visits"));
            assertEquals(rollupsBefore, server.row("SELECT SUM(pageviews) p, SUM(visits) v FROM rollup_daily WHERE dim = 0"),
                    "rollups keep the history");
        }
    }

    /**
     * A page goal on each site, booked by the writer (the first site's) and by the history fill
     * (the second's), its daily rows built; then every fact table keeps exactly its rows of the
     * cutoff's day and later.
     */
    @Test
    void deletesTheVisitAndGoalFactsOfTheDaysBeforeThePeriod() throws Exception {
        try (RunningServer server = RunningServer.start(TestInfra.freshConfig())) {
            server.footfall().sites().create("facts.test", ZoneId.of("UTC"), false);
            server.footfall().sites().create("facts-berlin.test", ZoneId.of("Europe/Berlin"), false);
            Site a = server.footfall().sites().find("facts.test").orElseThrow();
            Site b = server.footfall().sites().find("facts-berlin.test").orElseThrow();
            long now = System.currentTimeMillis();
            server.footfall().goals().create(pageGoal(a), now);
            List<Hit> hits = new ArrayList<>();
            long[] ages = {45 * DAY_MS, 31 * DAY_MS, 30 * DAY_MS + 1, 30 * DAY_MS - 60_000, 29 * DAY_MS, 3 * DAY_MS, 0};
            for (long age : ages) {
                hits.add(pageview(a, now - age, age + 1, Map.of("plan", "pro")));
                hits.add(pageview(b, now - age, age + 2, Map.of("plan", "free")));
            }
            server.footfall().writer().submit(hits).get(30, TimeUnit.SECONDS);
            server.footfall().goals().create(pageGoal(b), now);
            awaitGoalDays(server, 2);
            List<String> tables = List.of("visit_days", "visit_pages", "visit_props", "visit_goals", "goal_days");
            Map<String, Long> kept = new LinkedHashMap<>();
            for (Site s : List.of(a, b)) {
                int cutoffDay = Buckets.day(now - 30 * DAY_MS, s.zone());
                for (String table : tables) {
                    String where = " FROM " + table + " WHERE site_id = " + s.id() + " AND day ";
                    assertTrue(server.count("SELECT COUNT(*)" + where + "< ?", cutoffDay) > 0, table + " of " + s.domain() + " before the cutoff");
                    kept.put(s.domain() + " " + table, server.count("SELECT COUNT(*)" + where + ">= ?", cutoffDay));
                }
            }

            new Retention(server.footfall().dataSource(), server.footfall().sites(), Duration.ofDays(30)).run(now);

            for (Site s : List.of(a, b)) {
                int cutoffDay = Buckets.day(now - 30 * DAY_MS, s.zone());
                for (String table : tables) {
                    String where = " FROM " + table + " WHERE site_id = " + s.id() + " AND day ";
                    assertEquals(0L, server.count("SELECT COUNT(*)" + where + "< ?", cutoffDay), table + " of " + s.domain() + " before the cutoff");
                    assertEquals(kept.get(s.domain() + " " + table), server.count("SELECT COUNT(*)" + where + ">= ?", cutoffDay),
                            table + " of " + s.domain() + " from the cutoff's day on");
                }
                assertEquals(0L, server.count("SELECT COUNT(*) FROM goal_dirty WHERE site_id = ? AND day < ?", s.id(), cutoffDay));
            }
        }
    }

    private static Goal pageGoal(Site site) {
        return new Goal(0, site.id(), Goal.Kind.PAGE, null, Optional.of(PathPattern.parse("/**", "page_path")), Optional.empty(), Map.of(), 0);
    }

    /** Waits until {@code fills} goal fills are done with their daily rows built up to two days ago and no day is marked. */
    private static void awaitGoalDays(RunningServer server, int fills) throws InterruptedException {
        long until = System.currentTimeMillis() + 60_000;
        int lastBuildable = (int) LocalDate.now(ZoneId.of("UTC")).toEpochDay() - 3;
        while (server.count("SELECT COUNT(*) FROM goal_fills WHERE done = 1 AND built_through_day >= ?", lastBuildable) < fills
                || server.count("SELECT COUNT(*) FROM goal_dirty") > 0) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("the goal facts were not filled and built within 60 s");
            }
            Thread.sleep(200);
        }
    }

    private static Hit pageview(Site site, long ts, long visitor) {
        return pageview(site, ts, visitor, Map.of());
    }

    private static Hit pageview(Site site, long ts, long visitor, Map<String, String> props) {
        return new Hit(site, ts, EventKind.PAGEVIEW, "pageview", new Location(site.domain(), "/"), Source.NONE, Utm.NONE,
                new Software("Firefox", "145", "Linux", "Unknown", "Desktop"), "DE", null, new Measures(1280, 0, null, true), Revenue.NONE,
                props, null, new Visitor(visitor, 0));
    }
}
