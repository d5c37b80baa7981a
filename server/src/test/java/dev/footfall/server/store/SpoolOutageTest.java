package dev.footfall.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.server.RunningServer;
import dev.footfall.server.TestInfra;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Live events are acknowledged from the local spool: through a database outage every event is
 * answered 202 and stored exactly once after the database returns, rollups agreeing with the raw
 * rows; a spool that fills up answers 503 with Retry-After and stores what it acknowledged. The
 * database is the real embedded MariaDB process, stopped and started again.
 */
class SpoolOutageTest {
    static final String UA = "Mozilla/5.0 (X11; Linux x86_64; rv:145.0) Gecko/20100101 Firefox/145.0";

    @Test
    void databaseOutageIsABacklogNotRefusals() {
        try (RunningServer server = RunningServer.start(TestInfra.freshConfig())) {
            assertEquals(202, post(server, "/before", "before", 0).statusCode());
            assertEquals(1L, server.count("SELECT COUNT(*) FROM events"));
            TestInfra.mariaDb().stop();
            List<Integer> statuses = new ArrayList<>();
            try {
                for (int i = 0; i < 150; i++) {
                    statuses.add(post(server, "/during-" + (i % 7), "during-" + i, 0).statusCode());
                }
                // A retried event (same id) while the database is away is still one event.
                statuses.add(post(server, "/during-0", "during-0", 0).statusCode());
                sleep(3_000);
            } finally {
                TestInfra.mariaDb().restart();
            }
            assertTrue(statuses.stream().allMatch(s -> s == 202), "every event answered 202 during the outage: " + statuses);
            long deadline = System.currentTimeMillis() + 30_000;
            while (server.count("SELECT COUNT(*) FROM events") < 151 && System.currentTimeMillis() < deadline) {
                sleep(200);
            }
            assertEquals(151L, server.count("SELECT COUNT(*) FROM events"), "every acknowledged event stored, once");
            assertEquals(151L, server.count("SELECT COALESCE(SUM(pageviews), 0) FROM rollup_daily WHERE dim = 0"),
                    "rollups agree with the raw rows");
        }
    }

    @Test
    void fullSpoolAnswers503WithRetryAfterAndLosesNothingAcknowledged() {
        Map<String, String> config = TestInfra.freshConfig();
        config.put("FOOTFALL_SPOOL_MAX_MB", "1");
        try (RunningServer server = RunningServer.start(config)) {
            assertEquals(202, post(server, "/warm", "warm", 0).statusCode());
            TestInfra.mariaDb().stop();
            int accepted = 1;
            HttpResponse<String> refused = null;
            try {
                for (int i = 0; i < 3_000 && refused == null; i++) {
                    HttpResponse<String> res = post(server, "/fill", "fill-" + i, 900);
                    if (res.statusCode() == 202) {
                        accepted++;
                    } else {
                        refused = res;
                    }
                }
            } finally {
                TestInfra.mariaDb().restart();
            }
            assertTrue(refused != null, "a 1 MiB spool fills up within 3,000 events of 1 KiB");
            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(refused.headers().firstValue("Retry-After").isPresent());
            assertTrue(refused.body().contains("spool full"), refused.body());
            long deadline = System.currentTimeMillis() + 30_000;
            while (server.count("SELECT COUNT(*) FROM events") < accepted && System.currentTimeMillis() < deadline) {
                sleep(200);
            }
            assertEquals(accepted, server.count("SELECT COUNT(*) FROM events"));
            assertEquals(202, post(server, "/after", "after", 0).statusCode(), "room again once drained");
        }
    }

    private static HttpResponse<String> post(RunningServer server, String path, String id, int padding) {
        String props = padding == 0 ? "" : ",\"p\":{\"pad\":\"" + "x".repeat(padding) + "\"}";
        return server.post("/api/event", "{\"n\":\"pageview\",\"u\":\"https://outage.test" + path + "\",\"d\":\"outage.test\",\"id\":\""
                + id + "\"" + props + "}", "User-Agent", UA);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
