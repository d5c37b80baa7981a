package dev.footfall.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.server.RunningServer;
import dev.footfall.server.TestInfra;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Redis going away does not stop ingestion (the database outage and the full spool: {@code SpoolOutageTest}). */
class ResilienceTest {
    static final String UA = "Mozilla/5.0 (X11; Linux x86_64; rv:145.0) Gecko/20100101 Firefox/145.0";

    @Test
    void ingestionGoesOnWhileRedisIsDownAndRecovers() {
        try (RunningServer server = RunningServer.start(TestInfra.freshConfig())) {
            assertEquals(202, post(server, "/before").statusCode());
            TestInfra.redis().stop();
            try {
                for (int i = 0; i < 5; i++) {
                    assertEquals(202, post(server, "/during-" + i).statusCode(), "event " + i + " while Redis is down");
                }
                HttpResponse<String> health = server.get("/health");
                assertEquals(200, health.statusCode());
                assertTrue(health.body().contains("\"redis\":\"DOWN\""), health.body());
            } finally {
                TestInfra.redis().restart();
            }
            long deadline = System.currentTimeMillis() + 15_000;
            while (!server.get("/health").body().contains("\"redis\":\"UP\"") && System.currentTimeMillis() < deadline) {
                sleep(200);
            }
            assertTrue(server.get("/health").body().contains("\"status\":\"UP\""), "Redis reconnected");
            sleep(5_500);
            assertEquals(202, post(server, "/after").statusCode());
            assertEquals(7L, server.count("SELECT COUNT(*) FROM events"));
        }
    }

    private static HttpResponse<String> post(RunningServer server, String path) {
        return server.post("/api/event", "{\"n\":\"pageview\",\"u\":\"https://resilience.test" + path + "\",\"d\":\"resilience.test\"}",
                "User-Agent", UA);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
