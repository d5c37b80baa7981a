package dev.footfall.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.server.RunningServer;
import dev.footfall.server.TestInfra;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two server instances sharing one MariaDB and one Redis, each with its own spool and drainer:
 * every visitor's first two events (a pageview and a custom event, as a page that fires both on
 * load behind a round-robin balancer) reach the two servers at the same instant, then two more
 * follow the same way. Before visitor locks, 293 of 300 such visitors had two visits (issue #18);
 * now each has one, and the rollups count each visit and each visitor once.
 */
class VisitRaceTest {
    static final String UA = "Mozilla/5.0 (X11; Linux x86_64; rv:145.0) Gecko/20100101 Firefox/145.0";
    static final int VISITORS = 300;

    @Test
    void visitorsRacingOnTwoServersGetOneVisitEach() throws Exception {
        Map<String, String> config = TestInfra.freshConfig();
        config.put("FOOTFALL_TRUSTED_PROXIES", "127.0.0.1/32,::1");
        Map<String, String> configB = new HashMap<>(config);
        configB.put("FOOTFALL_SPOOL_DIR", config.get("FOOTFALL_SPOOL_DIR") + "-b");
        try (RunningServer a = RunningServer.start(config); RunningServer b = RunningServer.start(configB);
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int round = 0; round < 2; round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> statuses = new ArrayList<>();
                for (int v = 0; v < VISITORS; v++) {
                    String ip = "10.18." + v / 250 + "." + (v % 250 + 1);
                    String page = "https://race.test/r" + round + "/p" + v % 7;
                    String pageview = "{\"n\":\"pageview\",\"u\":\"" + page + "\",\"d\":\"race.test\"}";
                    String custom = "{\"n\":\"Signup\",\"u\":\"" + page + "\",\"d\":\"race.test\"}";
                    statuses.add(pool.submit(() -> send(go, a, pageview, ip)));
                    statuses.add(pool.submit(() -> send(go, b, custom, ip)));
                }
                go.countDown();
                for (Future<Integer> status : statuses) {
                    assertEquals(202, status.get());
                }
            }
            long events = 4L * VISITORS;
            b.footfall().catchUp(); // b's spool drained too: every event above is in a row and in a visit
            assertEquals(events, a.count("SELECT COUNT(*) FROM events"));
            assertEquals((long) VISITORS, a.count("SELECT COUNT(DISTINCT visitor_id) FROM visits"));
            assertEquals((long) VISITORS, a.count("SELECT COUNT(*) FROM visits"), "one visit per visitor");
            assertEquals((long) VISITORS, a.count("SELECT COUNT(DISTINCT visit_id) FROM events"));
            assertEquals(events, a.count("SELECT SUM(events) FROM visits"));
            assertEquals(2L * VISITORS, a.count("SELECT SUM(pageviews) FROM visits"));
            assertEquals((long) VISITORS, a.count("SELECT SUM(visits) FROM rollup_daily WHERE dim = 0"));
            assertEquals((long) VISITORS, a.count("SELECT SUM(visitors) FROM rollup_daily WHERE dim = 0"));
            assertEquals(2L * VISITORS, a.count("SELECT SUM(pageviews) FROM rollup_daily WHERE dim = 0"));
            assertEquals(events, a.count("SELECT SUM(events) FROM rollup_daily WHERE dim = 0"));
            assertEquals(a.count("SELECT SUM(pageviews) FROM visits"), a.count("SELECT SUM(visit_pageviews) FROM rollup_daily WHERE dim = 0"));
            assertEquals(0L, a.count("SELECT SUM(bounces) FROM rollup_daily WHERE dim = 0"), "every visit had an interactive event");
            assertTrue(lockWaits(a) + lockWaits(b) > 0, "the two drainers did collide on visitors");
        }
    }

    private static double lockWaits(RunningServer server) {
        return server.get("/metrics").body().lines().filter(line -> line.startsWith("footfall_visitor_lock_waits_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static int send(CountDownLatch go, RunningServer server, String body, String ip) throws InterruptedException {
        go.await();
        return server.post("/api/event", body, "User-Agent", UA, "X-Forwarded-For", ip).statusCode();
    }
}
