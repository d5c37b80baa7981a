package dev.footfall.server.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.server.RunningServer;
import dev.footfall.server.TestInfra;
import java.net.http.HttpResponse;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Policies of an external-mode instance: unknown sites are dropped (202, or 201 on the old route), and a client over its rate gets 429. */
class IngestPolicyTest {
    static RunningServer server;

    @BeforeAll
    static void start() {
        Map<String, String> config = TestInfra.freshConfig();
        config.put("FOOTFALL_AUTO_SITES", "false");
        config.put("FOOTFALL_RATE_LIMIT", "5");
        server = RunningServer.start(config);
        server.footfall().sites().create("known.test", ZoneId.of("Europe/Berlin"), false);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void unknownSitesAreDroppedWithAReason() {
        HttpResponse<String> response = post("unknown.test", "198.51.100.1");
        assertEquals(202, response.statusCode());
        assertEquals("unknown site", response.headers().firstValue("X-Footfall-Dropped").orElse(""));
        assertEquals("1", response.headers().firstValue("x-plausible-dropped").orElse(""));
        assertEquals(0L, server.count("SELECT COUNT(*) FROM sites WHERE domain = 'unknown.test'"));
    }

    @Test
    void unknownSitesOnTheOldRouteAre201SoTheOldTrackerStopsRetrying() throws Exception {
        HttpResponse<String> response = server.post("/api/session", "{\"pageUrl\":\"https://unknown-old.test/\",\"browser\":\"Chrome\"}",
                "User-Agent", "node", "Content-Type", "application/json");
        assertEquals(201, response.statusCode(), response.body());
        assertEquals("unknown site", response.headers().firstValue("X-Footfall-Dropped").orElse(""));
        var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
        assertEquals("dropped", body.path("status").asText());
        assertEquals("unknown site", body.path("reason").asText());
        assertEquals(0L, server.count("SELECT COUNT(*) FROM sites WHERE domain = 'unknown-old.test'"));
    }

    @Test
    void registeredSitesMatchWithoutWww() {
        assertEquals(202, post("www.known.test", "198.51.100.2").statusCode());
        assertEquals(1L, server.count("SELECT COUNT(*) FROM events e JOIN sites s ON s.id = e.site_id WHERE s.domain = 'known.test'"));
    }

    @Test
    void clientOverItsRateGets429WithRetryAfter() {
        // The limit counts per one-second window, so a slow machine may spread a burst over two
        // windows: keep sending until the limit bites instead of assuming one window.
        int acceptedBeforeLimit = 0;
        HttpResponse<String> limited = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (limited == null && System.nanoTime() < deadline) {
            HttpResponse<String> response = post("known.test", "unused");
            if (response.statusCode() == 429) {
                limited = response;
            } else {
                assertEquals(202, response.statusCode(), response.body());
                acceptedBeforeLimit++;
            }
        }
        assertTrue(limited != null, "no 429 within 30 s after " + acceptedBeforeLimit + " accepted events");
        assertTrue(limited.headers().firstValue("Retry-After").isPresent());
        assertTrue(limited.body().contains("\"error\""));
        assertTrue(acceptedBeforeLimit >= 1, "accepted " + acceptedBeforeLimit);
    }

    private static HttpResponse<String> post(String domain, String label) {
        return server.post("/api/event", "{\"n\":\"pageview\",\"u\":\"https://" + domain + "/\",\"d\":\"" + domain + "\"}",
                "User-Agent", EventIngestionTest.CHROME_WINDOWS);
    }
}
