package dev.footfall.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.footfall.server.RunningServer;
import dev.footfall.server.TestInfra;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two server instances in one JVM, one database, one Redis: racing on the same new pages and
 * sites they create each value once, and no request fails (the system Footfall replaces
 * answered 500 and lost the event here). Then the bulk check: 1,000 events of each format are
 * exactly 2,000 stored events.
 */
class ConcurrencyTest {
    static final String UA = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Safari/605.1.15";

    @Test
    void twoInstancesRacingOnNewValuesCreateEachOnce() throws Exception {
        Map<String, String> config = TestInfra.freshConfig();
        config.put("FOOTFALL_WRITER_THREADS", "4");
        // Two instances share the database and Redis, never a spool.
        Map<String, String> configB = new java.util.HashMap<>(config);
        configB.put("FOOTFALL_SPOOL_DIR", config.get("FOOTFALL_SPOOL_DIR") + "-b");
        try (RunningServer a = RunningServer.start(config); RunningServer b = RunningServer.start(configB);
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            int pages = 40;
            int perPage = 6;
            CountDownLatch go = new CountDownLatch(1);
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            List<Future<?>> requests = new ArrayList<>();
            for (int p = 0; p < pages; p++) {
                for (int r = 0; r < perPage; r++) {
                    RunningServer target = r % 2 == 0 ? a : b;
                    String body = "{\"n\":\"pageview\",\"u\":\"https://race.test/new-page-" + p + "\",\"d\":\"race.test\",\"r\":\"https://ref-" + p + ".test/\"}";
                    String ua = UA + " r" + r;
                    requests.add(pool.submit(() -> {
                        go.await();
                        int status = target.post("/api/event", body, "User-Agent", ua).statusCode();
                        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                        return null;
                    }));
                }
            }
            go.countDown();
            for (Future<?> request : requests) {
                request.get();
            }
            assertEquals(Map.of(202, pages * perPage), Map.of(202, statuses.getOrDefault(202, new AtomicInteger()).get()),
                    "statuses " + statuses);
            b.footfall().catchUp(); // b's spool drained too (a.count waits for a's): every acknowledged event is in a row
            assertEquals(pages * perPage, a.count("SELECT COUNT(*) FROM events"));
            assertEquals(1L, a.count("SELECT COUNT(*) FROM sites WHERE domain = 'race.test'"));
            assertEquals(pages, a.count("SELECT COUNT(*) FROM dim_pages WHERE value LIKE '/new-page-%'"));
            assertEquals(0L, a.count("SELECT COUNT(*) FROM (SELECT value FROM dim_pages GROUP BY value HAVING COUNT(*) > 1) d"));
            assertEquals(0L, a.count("SELECT COUNT(*) FROM (SELECT value FROM dim_referrers GROUP BY value HAVING COUNT(*) > 1) d"));
        }
    }

    @Test
    void thousandEventsOfEachFormatAreExactlyTwoThousandRows() throws Exception {
        Map<String, String> config = TestInfra.freshConfig();
        config.put("FOOTFALL_WRITER_THREADS", "4"); // several lanes committing at once, whatever the machine's default
        try (RunningServer server = RunningServer.start(config);
             ExecutorService pool = Executors.newFixedThreadPool(32)) {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                int n = i;
                statuses.add(pool.submit(() -> server.post("/api/event",
                        "{\"n\":\"pageview\",\"u\":\"https://bulk.test/p/" + (n % 50) + "\",\"d\":\"bulk.test\",\"r\":\"https://news.ycombinator.com/\"}",
                        "User-Agent", UA + " v" + (n % 97)).statusCode()));
                statuses.add(pool.submit(() -> server.post("/api/session",
                        "{\"pageUrl\":\"https://bulk.test/p/" + (n % 50) + "\",\"browser\":\"Firefox\",\"operatingSystem\":\"Linux\","
                                + "\"deviceType\":\"desktop\",\"user\":\"u" + (n % 120) + "\"}").statusCode()));
            }
            int ok = 0;
            for (Future<Integer> status : statuses) {
                int code = status.get();
                if (code == 202 || code == 201) {
                    ok++;
                }
            }
            assertEquals(2000, ok);
            assertEquals(2000L, server.count("SELECT COUNT(*) FROM events"));
            assertEquals(50L, server.count("SELECT COUNT(*) FROM dim_pages WHERE value LIKE '/p/%'"));
            assertEquals(2000L, server.count("SELECT SUM(pageviews) FROM rollup_daily WHERE dim = 0"));
            assertEquals(2000L, server.count("SELECT SUM(pageviews) FROM rollup_hourly WHERE dim = 0"));
            assertEquals(server.count("SELECT COUNT(*) FROM visits"), server.count("SELECT SUM(visits) FROM rollup_daily WHERE dim = 0"));
        }
    }
}
