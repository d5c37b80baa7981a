package dev.footfall.server.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.footfall.server.ApiClient;
import dev.footfall.server.RunningServer;
import dev.footfall.server.TestInfra;
import dev.footfall.server.auth.ApiTokens;
import dev.footfall.server.event.Source;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/import/events} through the real server and database: admin token only,
 * counts in the answer equal the stored rows, rollups of imported traffic equal the raw rows, and
 * an invalid line is a 400 naming the field and the line, with every line before it committed.
 */
class ImportTest {
    static final String ADMIN = "import-admin";
    static final String SITE = "import.test";
    static final String OTHER = "other.import.test";
    static final String ZONE = "Europe/Berlin";
    static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36";
    static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Mobile/15E148 Safari/604.1";
    static final String[] PAGES = {"/", "/pricing", "/docs", "/blog/a", "/blog/b"};
    static final String[] REFERRERS = {"", "https://www.google.com/", "https://news.ycombinator.com/", "https://t.co/x"};
    static RunningServer server;
    static ApiClient admin;

    /** One planned line and whether it is a pageview. */
    record Line(long ts, String json, boolean pageview) {
    }

    @BeforeAll
    static void start() {
        server = RunningServer.start(TestInfra.adminConfig(ADMIN));
        admin = new ApiClient(server, ADMIN);
        assertEquals(201, admin.send("POST", "/api/v1/sites", "{\"domain\":\"" + SITE + "\",\"timezone\":\"" + ZONE + "\"}").statusCode());
        assertEquals(201, admin.send("POST", "/api/v1/sites", "{\"domain\":\"" + OTHER + "\"}").statusCode());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void importedTrafficIsCountedStoredAndRolledUpLikeLiveTraffic() {
        long now = System.currentTimeMillis();
        Random random = new Random(7);
        List<Line> lines = new ArrayList<>();
        int visitors = 3_000;
        for (int v = 0; v < visitors; v++) {
            long ts = now - 3 * 86_400_000L + random.nextLong(3 * 86_400_000L - 3_600_000L);
            int pages = 1 + random.nextInt(4);
            String referrer = REFERRERS[random.nextInt(REFERRERS.length)];
            String agent = random.nextBoolean() ? CHROME : IPHONE;
            for (int p = 0; p < pages; p++) {
                String page = PAGES[random.nextInt(PAGES.length)];
                lines.add(new Line(ts, line(ts, "pageview", page, p == 0 ? referrer : "", "v" + v, agent, ""), true));
                ts += 20_000 + random.nextInt(60_000);
                lines.add(new Line(ts, line(ts, "engagement", page, "", "v" + v, agent,
                        ",\"engagement_time\":" + (5_000 + random.nextInt(9_000)) + ",\"scroll_depth\":" + random.nextInt(101)), false));
                ts += 1_000;
            }
        }
        lines.sort(Comparator.comparingLong(Line::ts));
        long pageviews = lines.stream().filter(Line::pageview).count();
        StringBuilder body = new StringBuilder();
        lines.forEach(l -> body.append(l.json()).append('\n'));
        // Dropped on purpose: a bot, an unknown site, and an engagement report with no open visit.
        body.append(line(now - 1000, "pageview", "/", "", "bot", "Googlebot/2.1 (+http://www.google.com/bot.html)", "")).append('\n');
        body.append(line(now - 1000, "pageview", "/", "", "x", CHROME, "").replace(SITE, "unknown.test")).append('\n');
        body.append(line(now - 1000, "engagement", "/", "", "lonely", CHROME, ",\"engagement_time\":3000")).append('\n');
        assertTrue(body.length() > 1_000_000, "a body far over the 16 KiB ingest limit");
        int siteId = server.footfall().sites().find(SITE).orElseThrow().id();
        long eventsBefore = server.count("SELECT COUNT(*) FROM events WHERE site_id = ?", siteId);
        long visitsBefore = server.count("SELECT COUNT(*) FROM visits WHERE site_id = ?", siteId);

        HttpResponse<String> res = admin.send("POST", "/api/v1/import/events", body.toString(), "Content-Type", "application/x-ndjson");

        assertEquals(200, res.statusCode(), res.body());
        Map<String, Object> counts = admin.object(res.body());
        assertEquals(lines.size() + 3, ((Number) counts.get("lines")).intValue());
        assertEquals(lines.size(), ((Number) counts.get("accepted")).intValue());
        assertEquals(3, ((Number) counts.get("dropped")).intValue());
        assertEquals(Map.of("bot", 1, "unknown site", 1, "no open visit", 1), counts.get("dropped_reasons"));
        assertEquals(0, ((Number) counts.get("rejected")).intValue());
        assertEquals(eventsBefore + lines.size(), server.count("SELECT COUNT(*) FROM events WHERE site_id = ?", siteId));
        assertEquals(visitsBefore + visitors, server.count("SELECT COUNT(*) FROM visits WHERE site_id = ?", siteId));

        String range = "period=custom&date=" + LocalDate.now(ZoneId.of(ZONE)).minusDays(4) + "," + LocalDate.now(ZoneId.of(ZONE));
        String metrics = "&metrics=visitors,visits,pageviews,bounce_rate,visit_duration,views_per_visit";
        // A filter that matches everything but only raw rows can answer: the rollups must agree with it.
        String raw = "&filters=" + URLEncoder.encode("visit:country!=ZZ", StandardCharsets.UTF_8);
        String aggregate = "/api/v1/stats/aggregate?site_id=" + SITE + "&" + range + metrics;
        HttpResponse<String> fromRollup = admin.get(aggregate);
        HttpResponse<String> fromRaw = admin.get(aggregate + raw);
        assertEquals("rollup", fromRollup.headers().firstValue("X-Footfall-Source").orElseThrow());
        assertEquals("raw", fromRaw.headers().firstValue("X-Footfall-Source").orElseThrow());
        Map<String, Map<String, Object>> rolled = admin.parse(fromRollup.body(), new TypeReference<Map<String, Map<String, Map<String, Object>>>>() { })
                .get("results");
        assertEquals(admin.parse(fromRaw.body(), new TypeReference<Map<String, Map<String, Map<String, Object>>>>() { }).get("results"), rolled);
        assertEquals(visitors, ((Number) rolled.get("visits").get("value")).intValue());
        assertEquals(pageviews, ((Number) rolled.get("pageviews").get("value")).longValue());
        for (String property : List.of("event:page", "visit:source", "visit:device", "visit:browser")) {
            String breakdown = "/api/v1/stats/breakdown?site_id=" + SITE + "&" + range + "&property=" + property + "&metrics=visitors,pageviews";
            assertEquals(admin.getJson(breakdown + raw, new TypeReference<Map<String, Object>>() { }),
                    admin.getJson(breakdown, new TypeReference<Map<String, Object>>() { }), property);
        }
    }

    @Test
    void anInvalidLineIsA400NamingFieldAndLineAndTheLinesBeforeItAreCommitted() {
        long now = System.currentTimeMillis();
        String body = line(now - 60_000, "pageview", "/", "", "a", CHROME, "") + "\n"
                + line(now - 50_000, "pageview", "/docs", "", "a", CHROME, "") + "\n"
                + "{\"domain\":\"" + SITE + "\",\"url\":\"https://" + SITE + "/\",\"visitor\":\"b\"}\n"
                + line(now - 40_000, "pageview", "/", "", "c", CHROME, "") + "\n";
        body = body.replace(SITE, OTHER);
        long before = server.count("SELECT COUNT(*) FROM events");

        HttpResponse<String> stopped = admin.send("POST", "/api/v1/import/events", body);

        assertEquals(400, stopped.statusCode());
        Map<String, Object> error = admin.object(stopped.body());
        assertEquals("timestamp", error.get("field"));
        assertEquals(3, error.get("line"));
        assertTrue(error.get("error").toString().startsWith("line 3: "), error.toString());
        assertEquals(2, error.get("accepted"));
        assertEquals(before + 2, server.count("SELECT COUNT(*) FROM events"));

        HttpResponse<String> skipped = admin.send("POST", "/api/v1/import/events?errors=skip",
                body.replace("\"visitor\":\"a\"", "\"visitor\":\"a2\"") + "{\"timestamp\":\"soon\"}\n");
        assertEquals(200, skipped.statusCode(), skipped.body());
        Map<String, Object> counts = admin.object(skipped.body());
        assertEquals(3, counts.get("accepted"));
        assertEquals(2, counts.get("rejected"));
        assertEquals(List.of(Map.of("line", 3, "field", "timestamp", "error", "timestamp is required (epoch milliseconds)"),
                Map.of("line", 5, "field", "timestamp", "error", "timestamp has the wrong type")), counts.get("errors"));
    }

    @Test
    void onlyAdminTokensMayImport() {
        String body = line(System.currentTimeMillis() - 1000, "pageview", "/", "", "z", CHROME, "") + "\n";
        assertEquals(401, new ApiClient(server, null).send("POST", "/api/v1/import/events", body).statusCode());
        assertEquals(401, new ApiClient(server, "wrong").send("POST", "/api/v1/import/events", body).statusCode());
        int siteId = server.footfall().sites().find(SITE).orElseThrow().id();
        String reader = new ApiTokens(server.footfall().dataSource()).create("import-reader", Optional.of(siteId), false).orElseThrow();
        assertEquals(403, new ApiClient(server, reader).send("POST", "/api/v1/import/events", body).statusCode());
    }

    static String line(long ts, String name, String page, String referrer, String visitor, String agent, String extra) {
        return "{\"domain\":\"" + SITE + "\",\"timestamp\":" + ts + ",\"name\":\"" + name + "\",\"url\":\"https://" + SITE + page + "\""
                + (referrer.isEmpty() ? "" : ",\"referrer\":\"" + referrer + "\"") + ",\"visitor\":\"" + visitor + "\",\"user_agent\":\""
                + agent + "\",\"timezone\":\"Europe/Berlin\"" + extra + "}";
    }
}
