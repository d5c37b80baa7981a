package dev.footfall.server.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.server.RunningServer;
import dev.footfall.server.TestInfra;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code POST /api/event} through the real server, embedded MariaDB and Redis: what goes in is what is stored. */
class EventIngestionTest {
    static final String CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36";
    static final String SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1";
    static final String FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:145.0) Gecko/20100101 Firefox/145.0";
    static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    static final String ENRICHED = """
            SELECT e.ts, e.kind, n.value AS name, h.value AS hostname, p.value AS page, s.value AS source,
                   r.value AS referrer, b.value AS browser, o.value AS os, d.value AS device, e.country,
                   us.value AS utm_source, uc.value AS utm_campaign, e.props, e.engagement_ms, e.scroll_depth
            FROM events e
            JOIN dim_event_names n ON n.id = e.name_id JOIN dim_hostnames h ON h.id = e.hostname_id
            JOIN dim_pages p ON p.id = e.page_id JOIN dim_sources s ON s.id = e.source_id
            JOIN dim_referrers r ON r.id = e.referrer_id JOIN dim_browsers b ON b.id = e.browser_id
            JOIN dim_operating_systems o ON o.id = e.os_id JOIN dim_device_types d ON d.id = e.device_type_id
            JOIN dim_utm_sources us ON us.id = e.utm_source_id JOIN dim_utm_campaigns uc ON uc.id = e.utm_campaign_id
            """;

    static RunningServer server;

    @BeforeAll
    static void start() {
        server = RunningServer.start(TestInfra.freshConfig());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Case(String label, String userAgent, String url, String referrer, String tz,
                String browser, String os, String device, String source, String page, String country) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("chrome desktop from google", CHROME_WINDOWS, "https://one.test/pricing?x=1", "https://www.google.com/", "Europe/Berlin",
                        "Chrome", "Windows", "Desktop", "Google", "/pricing", "DE"),
                new Case("iphone safari direct", SAFARI_IPHONE, "https://one.test/", null, "America/New_York",
                        "Safari", "iOS", "Mobile", "Direct / None", "/", "US"),
                new Case("firefox linux from reddit", FIREFOX_LINUX, "https://one.test/blog/post-1", "https://www.reddit.com/r/java/", "Asia/Kolkata",
                        "Firefox", "Linux", "Desktop", "Reddit", "/blog/post-1", "IN"),
                new Case("utm overrides referrer", CHROME_WINDOWS, "https://one.test/?utm_source=newsletter&utm_campaign=launch",
                        "https://www.google.com/", "Europe/Paris", "Chrome", "Windows", "Desktop", "newsletter", "/", "FR"),
                new Case("self referral is direct", FIREFOX_LINUX, "https://one.test/b", "https://one.test/a", null,
                        "Firefox", "Linux", "Desktop", "Direct / None", "/b", ""));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void storesEnrichedPageview(Case c) {
        long before = server.count("SELECT COUNT(*) FROM events");
        String body = "{\"n\":\"pageview\",\"u\":\"" + c.url() + "\",\"d\":\"one.test\",\"r\":"
                + (c.referrer() == null ? "null" : "\"" + c.referrer() + "\"")
                + (c.tz() == null ? "" : ",\"tz\":\"" + c.tz() + "\"") + ",\"w\":1280}";
        HttpResponse<String> response = server.post("/api/event", body, "User-Agent", c.userAgent(), "Content-Type", "text/plain");
        assertEquals(202, response.statusCode(), response.body());
        assertEquals(before + 1, server.count("SELECT COUNT(*) FROM events"));
        Map<String, Object> row = server.row(ENRICHED + " ORDER BY e.id DESC LIMIT 1");
        assertEquals("pageview", row.get("name"));
        assertEquals("one.test", row.get("hostname"));
        assertEquals(c.page(), row.get("page"));
        assertEquals(c.browser(), row.get("browser"));
        assertTrue(((String) row.get("os")).startsWith(c.os()), "os " + row.get("os"));
        assertEquals(c.device(), row.get("device"));
        assertEquals(c.source(), row.get("source"), "source");
        assertEquals(c.country(), row.get("country"));
    }

    @Test
    void longAndShortKeysAreTheSameEvent() {
        long before = server.count("SELECT COUNT(*) FROM events WHERE name_id = (SELECT id FROM dim_event_names WHERE value = 'Signup')");
        String longKeys = "{\"name\":\"Signup\",\"url\":\"https://keys.test/join\",\"domain\":\"keys.test\",\"props\":{\"plan\":\"pro\"}}";
        String shortKeys = "{\"n\":\"Signup\",\"u\":\"https://keys.test/join\",\"d\":\"keys.test\",\"p\":{\"plan\":\"pro\"}}";
        assertEquals(202, server.post("/api/event", longKeys, "User-Agent", CHROME_WINDOWS, "Content-Type", "application/json").statusCode());
        assertEquals(202, server.post("/api/event", shortKeys, "User-Agent", CHROME_WINDOWS).statusCode());
        assertEquals(before + 2, server.count("SELECT COUNT(*) FROM events WHERE name_id = (SELECT id FROM dim_event_names WHERE value = 'Signup')"));
        Map<String, Object> row = server.row(ENRICHED + " WHERE n.value = 'Signup' ORDER BY e.id DESC LIMIT 1");
        assertEquals("{\"plan\":\"pro\"}", row.get("props"));
        assertEquals(2L, server.count("SELECT COUNT(*) FROM events e JOIN sites s ON s.id = e.site_id WHERE s.domain = 'keys.test'"));
    }

    @Test
    void botsAreDroppedWithAReason() {
        long before = server.count("SELECT COUNT(*) FROM events");
        HttpResponse<String> response = server.post("/api/event",
                "{\"n\":\"pageview\",\"u\":\"https://one.test/\",\"d\":\"one.test\"}", "User-Agent", GOOGLEBOT);
        assertEquals(202, response.statusCode());
        assertEquals("bot", response.headers().firstValue("X-Footfall-Dropped").orElse(""));
        assertEquals(before, server.count("SELECT COUNT(*) FROM events"));
    }

    @Test
    void retriedEventWithTheSameIdCountsOnce() {
        String body = "{\"n\":\"pageview\",\"u\":\"https://retry.test/\",\"d\":\"retry.test\",\"id\":\"evt-0001\"}";
        assertEquals(202, server.post("/api/event", body, "User-Agent", CHROME_WINDOWS).statusCode());
        HttpResponse<String> retry = server.post("/api/event", body, "User-Agent", CHROME_WINDOWS);
        assertEquals(202, retry.statusCode());
        assertEquals("duplicate", retry.headers().firstValue("X-Footfall-Dropped").orElse(""));
        assertEquals(1L, server.count("SELECT COUNT(*) FROM events e JOIN sites s ON s.id = e.site_id WHERE s.domain = 'retry.test'"));
    }

    @Test
    void visitsBouncesAndRollupsFollowTheEvents() {
        String ua = FIREFOX_LINUX + " visit-test";
        for (String path : List.of("/a", "/b", "/c")) {
            String body = "{\"n\":\"pageview\",\"u\":\"https://visit.test" + path + "\",\"d\":\"visit.test\"}";
            assertEquals(202, server.post("/api/event", body, "User-Agent", ua).statusCode());
        }
        String engagement = "{\"n\":\"engagement\",\"u\":\"https://visit.test/c\",\"d\":\"visit.test\",\"i\":false,\"e\":4200,\"sd\":80}";
        assertEquals(202, server.post("/api/event", engagement, "User-Agent", ua).statusCode());
        long site = server.count("SELECT id FROM sites WHERE domain = 'visit.test'");
        Map<String, Object> visit = server.row("SELECT pageviews, bounce, entry_page_id, exit_page_id FROM visits WHERE site_id = ?", site);
        assertEquals(3, ((Number) visit.get("pageviews")).intValue());
        assertEquals(0, ((Number) visit.get("bounce")).intValue());
        assertEquals(server.count("SELECT id FROM dim_pages WHERE value = '/a'"), ((Number) visit.get("entry_page_id")).longValue());
        assertEquals(server.count("SELECT id FROM dim_pages WHERE value = '/c'"), ((Number) visit.get("exit_page_id")).longValue());
        Map<String, Object> total = server.row("SELECT SUM(visitors) v, SUM(pageviews) p, SUM(visits) s, SUM(bounces) b, SUM(engagement_ms) e"
                + " FROM rollup_daily WHERE site_id = ? AND dim = 0", site);
        assertEquals(1, ((Number) total.get("v")).intValue(), "visitors");
        assertEquals(3, ((Number) total.get("p")).intValue(), "pageviews");
        assertEquals(1, ((Number) total.get("s")).intValue(), "visits");
        assertEquals(0, ((Number) total.get("b")).intValue(), "bounces");
        assertEquals(4200, ((Number) total.get("e")).intValue(), "engagement");
        assertEquals(1L, server.count("SELECT SUM(visits) FROM rollup_daily WHERE site_id = ? AND dim = 3 AND value_id = "
                + "(SELECT id FROM dim_pages WHERE value = '/c')", site), "exit page moved to /c");
        assertEquals(0L, server.count("SELECT COALESCE(SUM(visits), 0) FROM rollup_daily WHERE site_id = ? AND dim = 3 AND value_id = "
                + "(SELECT id FROM dim_pages WHERE value = '/a')", site), "no exit left on /a");
    }

    @Test
    void preflightAllowsAnyOrigin() throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(server.uri("/api/event"))
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://elsewhere.test").header("Access-Control-Request-Method", "POST").build();
        var response = java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(204, response.statusCode());
        assertEquals("*", response.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    }
}
