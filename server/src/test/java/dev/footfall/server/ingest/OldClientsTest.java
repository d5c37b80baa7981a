package dev.footfall.server.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.server.RunningServer;
import dev.footfall.server.TestInfra;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The replaced system's clients work unchanged against {@code POST /api/session}: its traffic
 * simulator's exact payload mix, its clients' clocks, its tracker's preflight; and user agents are
 * read the same way, on evidence, on {@code POST /api/event}. Real server, embedded MariaDB and Redis.
 */
class OldClientsTest {
    /** What the replaced simulator sends: 8 sites of 10 pages, 500 users, and these values. */
    static final List<String> BARE_BROWSERS = List.of("Chrome", "Firefox", "Safari", "Edge", "Opera");
    static final List<String> OSES = List.of("Windows", "macOS", "Linux", "Android", "iOS");
    static final List<String> DEVICES = List.of("Desktop", "Mobile", "Tablet");
    static final List<String> REFERRERS = List.of("https://www.google.com/", "https://www.bing.com/", "https://www.facebook.com/",
            "https://twitter.com/", "https://news.ycombinator.com/");
    static final int SITES = 8;
    static final int PAGES = 10;
    static final int USERS = 500;
    /** What Node's {@code new Date().toISOString()} writes: always milliseconds, always Z. */
    static final DateTimeFormatter NODE_ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    static final String GOOGLEBOT = EventIngestionTest.GOOGLEBOT;
    static final String BINGBOT = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)";
    static final String HEADLESS = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36";
    static final String PHANTOM = "Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1";
    static final String LIGHTHOUSE = "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Mobile Safari/537.36 Chrome-Lighthouse";
    static final String PLAYWRIGHT = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36 Playwright/1.49";
    static final String NEW_CRAWLER = "Mozilla/5.0 (compatible; NewCrawler/0.1)";
    static final String FACEBOOK_IOS = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            + "Mobile/15E148 [FBAN/FBIOS;FBAV/470.0.0.40.98;FBBV/620000000;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/17.5;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5]";
    static final String INSTAGRAM_IOS = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            + "Mobile/15E148 Instagram 334.0.4.32.98 (iPhone15,2; iOS 17_5; en_US; en; scale=3.00; 1179x2556; 608376523)";
    static final String ANDROID_WEBVIEW = "Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240805.005; wv) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Version/4.0 Chrome/127.0.6533.103 Mobile Safari/537.36 com.example.shop/5.2.1";
    /** An app's web view that an older parser took for an SQL probe ("Hacker"); kept as a regression case. */
    static final String UNREADABLE_WEBVIEW = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Mobile/15E148 Select Home/2.0";
    static final String BARE_IOS_WEBVIEW = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)";
    static final String LADYBIRD = "Mozilla/5.0 (X11; Linux x86_64) Ladybird/1.0";

    static final ObjectMapper JSON = new ObjectMapper();
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
    void replacedSimulatorTrafficIsStoredAsSentWith201() throws Exception {
        int events = 1_000;
        Random random = new Random(12);
        List<String> bodies = new ArrayList<>();
        Map<String, Integer> expected = new TreeMap<>();
        Set<String> visitors = new HashSet<>();
        long start = System.currentTimeMillis();
        for (int i = 0; i < events; i++) {
            String site = "sim" + (1 + random.nextInt(SITES)) + ".example";
            String page = "/page-" + (1 + random.nextInt(PAGES));
            String browser = BARE_BROWSERS.get(random.nextInt(BARE_BROWSERS.size()));
            String os = OSES.get(random.nextInt(OSES.size()));
            String device = DEVICES.get(random.nextInt(DEVICES.size()));
            String user = "user-" + random.nextInt(USERS);
            long sentMs = start + i;
            bodies.add("""
                    {"pageUrl":"https://%s%s","referrerUrl":"%s","userAgent":"%s","browser":"%s","operatingSystem":"%s",\
                    "deviceType":"%s","user":"%s","timestamp":"%s"}""".formatted(site, page,
                    REFERRERS.get(random.nextInt(REFERRERS.size())), BARE_BROWSERS.get(random.nextInt(BARE_BROWSERS.size())),
                    browser, os, device, user, NODE_ISO.format(Instant.ofEpochMilli(sentMs))));
            expected.merge(String.join(" ", site, page, browser, os, device, Long.toString(sentMs)), 1, Integer::sum);
            visitors.add(site + " " + user);
        }
        List<HttpResponse<String>> responses = new ArrayList<>();
        try (ExecutorService senders = Executors.newFixedThreadPool(8)) {
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (String body : bodies) {
                sent.add(senders.submit(() -> server.post("/api/session", body, "User-Agent", "node", "Content-Type", "application/json")));
            }
            for (Future<HttpResponse<String>> response : sent) {
                responses.add(response.get());
            }
        }
        for (HttpResponse<String> response : responses) {
            assertEquals(201, response.statusCode(), response.body());
            assertEquals("created", JSON.readTree(response.body()).path("status").asText(), response.body());
        }
        Map<String, Integer> stored = new TreeMap<>();
        storedRows().forEach(row -> stored.merge(row, 1, Integer::sum));
        assertEquals(expected, stored, "every event stored once, with its site, page, browser, OS, device and time as sent");
        assertEquals(visitors.size(), server.count("SELECT COUNT(DISTINCT site_id, visitor_id) FROM events"), "one visitor per site and user");
        assertEquals(0L, server.count("SELECT COUNT(*) FROM events WHERE props LIKE '%user-%'"), "user ids never stored");
    }

    /** One line per stored event of the simulated sites: domain, page, browser, OS, device, time. */
    private static List<String> storedRows() throws Exception {
        // What every report waits for: the spool drained into MySQL, then the rollups folded.
        server.footfall().catchUp();
        List<String> rows = new ArrayList<>();
        try (var c = server.footfall().dataSource().getConnection(); var statement = c.createStatement();
             var rs = statement.executeQuery("""
                     SELECT s.domain, p.value, b.value, o.value, d.value, e.ts FROM events e
                     JOIN sites s ON s.id = e.site_id JOIN dim_pages p ON p.id = e.page_id
                     JOIN dim_browsers b ON b.id = e.browser_id JOIN dim_operating_systems o ON o.id = e.os_id
                     JOIN dim_device_types d ON d.id = e.device_type_id WHERE s.domain LIKE 'sim%.example'""")) {
            while (rs.next()) {
                rows.add(String.join(" ", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        Long.toString(rs.getLong(6))));
            }
        }
        return rows;
    }

    /**
     * A sent {@code timestamp} (JSON, or null to send none, from the time just before the request) and
     * what is stored: the sent time moved by {@code keptOffsetMs}, or with {@code keptOffsetMs} null the
     * receive time, counted under {@code fallback} unless none was sent.
     */
    record TimeCase(String label, LongFunction<String> timestamp, Long keptOffsetMs, String fallback) {
        @Override
        public String toString() {
            return label;
        }
    }

    static final long MINUTE_MS = 60_000;

    static Stream<TimeCase> timestamps() {
        return Stream.of(
                new TimeCase("none sent: receive time", now -> null, null, null),
                new TimeCase("ISO instant a second ago: as sent", now -> iso(now - 1_000), -1_000L, null),
                new TimeCase("ISO with a +02:00 offset, 10 minutes ago: as sent",
                        now -> "\"" + OffsetDateTime.ofInstant(Instant.ofEpochMilli(now - 10 * MINUTE_MS), ZoneOffset.ofHours(2)) + "\"",
                        -10 * MINUTE_MS, null),
                new TimeCase("epoch ms 59 minutes ago, a retry after an outage: as sent", now -> Long.toString(now - 59 * MINUTE_MS),
                        -59 * MINUTE_MS, null),
                new TimeCase("epoch ms as a string of digits: as sent", now -> "\"" + (now - 5_000) + "\"", -5_000L, null),
                new TimeCase("30 s ahead, clock skew: as sent", now -> iso(now + 30_000), 30_000L, null),
                new TimeCase("61 minutes ago: stale", now -> iso(now - 61 * MINUTE_MS), null, "stale"),
                new TimeCase("a week ago: stale", now -> Long.toString(now - 7 * 24 * 60 * MINUTE_MS), null, "stale"),
                new TimeCase("epoch seconds, read as 1970: stale", now -> Long.toString(now / 1000), null, "stale"),
                new TimeCase("zero: stale", now -> "0", null, "stale"),
                new TimeCase("negative: stale", now -> "-1", null, "stale"),
                new TimeCase("2 minutes ahead: future", now -> iso(now + 2 * MINUTE_MS), null, "future"),
                new TimeCase("year 5138: future", now -> "99999999999999", null, "future"),
                new TimeCase("\"yesterday\": unparseable", now -> "\"yesterday\"", null, "unparseable"),
                new TimeCase("a date without a time: unparseable", now -> "\"2026-05-01\"", null, "unparseable"),
                new TimeCase("local time without a zone: unparseable", now -> "\"2026-05-01T12:00:00\"", null, "unparseable"),
                new TimeCase("month 13: unparseable", now -> "\"2026-13-01T12:00:00Z\"", null, "unparseable"),
                new TimeCase("empty string: unparseable", now -> "\"\"", null, "unparseable"),
                new TimeCase("object: unparseable", now -> "{}", null, "unparseable"),
                new TimeCase("array: unparseable", now -> "[1]", null, "unparseable"),
                new TimeCase("boolean: unparseable", now -> "true", null, "unparseable"),
                new TimeCase("beyond a long: unparseable", now -> "1e30", null, "unparseable"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timestamps")
    void clientClockNeverCausesA400(TimeCase c) {
        String page = "/clock-" + Integer.toHexString(c.label().hashCode());
        double fallbacksBefore = c.fallback() == null ? 0 : fallbacks(c.fallback());
        long now = System.currentTimeMillis();
        String timestamp = c.timestamp().apply(now);
        String body = "{\"pageUrl\":\"https://clock.test" + page + "\",\"user\":\"clock\",\"browser\":\"Firefox\""
                + (timestamp == null ? "" : ",\"timestamp\":" + timestamp) + "}";
        HttpResponse<String> response = server.post("/api/session", body, "User-Agent", "node", "Content-Type", "application/json");
        long after = System.currentTimeMillis();
        assertEquals(201, response.statusCode(), response.body());
        long ts = server.count("SELECT e.ts FROM events e JOIN dim_pages p ON p.id = e.page_id WHERE p.value = ?", page);
        if (c.keptOffsetMs() != null) {
            assertEquals(now + c.keptOffsetMs(), ts, "sent time kept");
        } else {
            assertTrue(ts >= now && ts <= after, "receive time, got " + (ts - now) + " ms from the request");
        }
        if (c.fallback() != null) {
            assertEquals(fallbacksBefore + 1, fallbacks(c.fallback()), "fallback counted in /metrics");
        }
    }

    private static String iso(long ms) {
        return "\"" + NODE_ISO.format(Instant.ofEpochMilli(ms)) + "\"";
    }

    private static double fallbacks(String reason) {
        Matcher m = Pattern.compile("footfall_session_timestamp_fallbacks_total\\{reason=\"" + reason + "\"} (\\S+)")
                .matcher(server.get("/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /**
     * A user agent in the request header and, on {@code /api/session}, in the body (null: none sent),
     * and the browser stored from it (parsed: these bodies name no browser), or null when the event is
     * dropped as a bot.
     */
    record AgentCase(String label, String path, String header, String body, String storedBrowser) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<AgentCase> agents() {
        String session = "/api/session";
        String event = "/api/event";
        String chrome = EventIngestionTest.CHROME_WINDOWS;
        return Stream.of(
                new AgentCase("session: node header, bare name in the body", session, "node", "Chrome", "Unknown"),
                new AgentCase("session: curl header, a browser in the body", session, "curl/8.5.0", chrome, "Chrome"),
                new AgentCase("session: node-fetch header with its URL, a browser in the body", session,
                        "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)", EventIngestionTest.FIREFOX_LINUX, "Firefox"),
                new AgentCase("session: python-requests header, no body userAgent", session, "python-requests/2.32.3", null, "Unknown"),
                new AgentCase("session: Googlebot in the body", session, "node", GOOGLEBOT, null),
                new AgentCase("session: bingbot in the header, bare name in the body", session, BINGBOT, "Edge", null),
                new AgentCase("session: HeadlessChrome in the body", session, "node", HEADLESS, null),
                new AgentCase("session: PhantomJS in the header, no body userAgent", session, PHANTOM, null, null),
                new AgentCase("session: Lighthouse in the body", session, "node", LIGHTHOUSE, null),
                new AgentCase("session: a crawler the rules have never seen, in the body", session, "node", NEW_CRAWLER, null),
                new AgentCase("session: Facebook in-app browser in the body", session, "node", FACEBOOK_IOS, "Facebook"),
                new AgentCase("session: Instagram in-app browser in the body", session, "node", INSTAGRAM_IOS, "Instagram"),
                new AgentCase("session: a web view the rules cannot read, in the body", session, "node", UNREADABLE_WEBVIEW, "Unknown"),
                new AgentCase("event: Chrome", event, chrome, null, "Chrome"),
                new AgentCase("event: Googlebot", event, GOOGLEBOT, null, null),
                new AgentCase("event: HeadlessChrome", event, HEADLESS, null, null),
                new AgentCase("event: Playwright, which the rules take for a browser", event, PLAYWRIGHT, null, null),
                new AgentCase("event: curl, no browser at all", event, "curl/8.5.0", null, null),
                new AgentCase("event: node, no browser at all", event, "node", null, null),
                new AgentCase("event: a bare browser name", event, "Chrome", null, null),
                new AgentCase("event: Facebook in-app browser", event, FACEBOOK_IOS, null, "Facebook"),
                new AgentCase("event: Android web view in an app", event, ANDROID_WEBVIEW, null, "Chrome Webview"),
                new AgentCase("event: a web view the rules cannot read", event, UNREADABLE_WEBVIEW, null, "Unknown"),
                new AgentCase("event: a bare iOS web view, an engine and no name", event, BARE_IOS_WEBVIEW, null, "Unknown"),
                new AgentCase("event: a new browser the rules do not know yet", event, LADYBIRD, null, "Unknown"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("agents")
    void dropsOnlyOnEvidenceOfARobot(AgentCase c) throws Exception {
        String page = "/agent-" + Integer.toHexString(c.label().hashCode());
        boolean session = c.path().equals("/api/session");
        String body = session
                ? "{\"pageUrl\":\"https://agents.test" + page + "\",\"user\":\"u" + page + "\""
                        + (c.body() == null ? "" : ",\"userAgent\":\"" + c.body() + "\"") + "}"
                : "{\"n\":\"pageview\",\"u\":\"https://agents.test" + page + "\",\"d\":\"agents.test\",\"w\":390}";
        HttpResponse<String> response = server.post(c.path(), body, "User-Agent", c.header(), "Content-Type", "application/json");
        assertEquals(session ? 201 : 202, response.statusCode(), response.body());
        long stored = server.count("SELECT COUNT(*) FROM events e JOIN dim_pages p ON p.id = e.page_id WHERE p.value = ?", page);
        if (c.storedBrowser() == null) {
            assertEquals("bot", response.headers().firstValue("X-Footfall-Dropped").orElse(""));
            if (session) {
                JsonNode answer = JSON.readTree(response.body());
                assertEquals("dropped", answer.path("status").asText(), response.body());
                assertEquals("bot", answer.path("reason").asText(), response.body());
            }
            assertEquals(0, stored);
        } else {
            assertTrue(response.headers().firstValue("X-Footfall-Dropped").isEmpty(), "not dropped");
            assertEquals(1, stored);
            assertEquals(c.storedBrowser(), server.row(EventIngestionTest.ENRICHED + " WHERE p.value = ?", page).get("browser"));
        }
    }

    @Test
    void preflightOfTheOldTrackerLetsItsPostThrough() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.uri("/api/session"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://legacy-embed.test").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,x-requested-with").build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(204, response.statusCode());
        assertEquals("*", response.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertTrue(response.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
        Set<String> allowed = new HashSet<>();
        for (String header : response.headers().firstValue("Access-Control-Allow-Headers").orElse("").split(",")) {
            allowed.add(header.strip().toLowerCase(Locale.ROOT));
        }
        assertEquals(Set.of("authorization", "content-type", "x-requested-with"), allowed);
        HttpResponse<String> post = server.post("/api/session", "{\"pageUrl\":\"https://legacy-embed.test/\"}",
                "Origin", "https://legacy-embed.test", "Authorization", "Bearer legacy", "X-Requested-With", "XMLHttpRequest",
                "Content-Type", "application/json", "User-Agent", EventIngestionTest.CHROME_WINDOWS);
        assertEquals(201, post.statusCode(), post.body());
        assertEquals("*", post.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    }
}
