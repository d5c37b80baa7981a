package dev.footfall.server.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.footfall.server.RunningServer;
import dev.footfall.server.TestInfra;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The old tracker's {@code POST /api/session} payload keeps working, unchanged. */
class SessionFormatTest {
    static RunningServer server;

    @BeforeAll
    static void start() {
        server = RunningServer.start(TestInfra.freshConfig());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void storesTheOldPayloadAsSentAndAnswers201() {
        long ts = System.currentTimeMillis() - 60_000 + 123;
        String body = """
                {"pageUrl":"https://legacy.test/products?id=3","referrerUrl":"https://www.bing.com/search?q=x",
                 "userAgent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36",
                 "browser":"Chrome","operatingSystem":"Windows","deviceType":"desktop","user":"user-42","timestamp":%d}
                """.formatted(ts);
        HttpResponse<String> response = server.post("/api/session", body, "Content-Type", "application/json",
                "User-Agent", "node-fetch/1.0");
        assertEquals(201, response.statusCode(), response.body());
        Map<String, Object> row = server.row(EventIngestionTest.ENRICHED + " ORDER BY e.id DESC LIMIT 1");
        assertEquals(ts, ((Number) row.get("ts")).longValue(), "milliseconds survive the round trip");
        assertEquals("/products", row.get("page"));
        assertEquals("Chrome", row.get("browser"));
        assertEquals("Windows", row.get("os"));
        assertEquals("Desktop", row.get("device"));
        assertEquals("Bing", row.get("source"));
        assertEquals(0L, server.count("SELECT COUNT(*) FROM events WHERE props LIKE '%user-42%'"), "user id never stored");
    }

    @Test
    void isoTimestampsKeepTheirMilliseconds() {
        java.time.Instant at = java.time.Instant.now().minusSeconds(120).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusMillis(987);
        String body = "{\"pageUrl\":\"https://legacy.test/iso\",\"user\":\"u-1\",\"timestamp\":\"" + at + "\"}";
        assertEquals(201, server.post("/api/session", body).statusCode());
        assertEquals(at.toEpochMilli(), server.count("SELECT MAX(ts) FROM events e JOIN dim_pages p ON p.id = e.page_id WHERE p.value = '/iso'"));
    }

    @Test
    void sameUserIsOneVisitorAcrossPages() {
        for (String path : new String[] {"/one", "/two"}) {
            assertEquals(201, server.post("/api/session", "{\"pageUrl\":\"https://same-user.test" + path + "\",\"user\":\"abc\"}").statusCode());
        }
        assertEquals(1L, server.count("SELECT COUNT(DISTINCT visitor_id) FROM events e JOIN sites s ON s.id = e.site_id WHERE s.domain = 'same-user.test'"));
        assertEquals(1L, server.count("SELECT COUNT(*) FROM visits v JOIN sites s ON s.id = v.site_id WHERE s.domain = 'same-user.test'"));
    }
}
