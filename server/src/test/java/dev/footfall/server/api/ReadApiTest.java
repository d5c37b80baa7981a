package dev.footfall.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.footfall.server.ApiClient;
import dev.footfall.server.RunningServer;
import dev.footfall.server.auth.ApiTokens;
import dev.footfall.server.event.Source;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The read API through the real server: tokens (401/403), site management, the snippet, stats
 * errors as 400 naming the field, CSV, comparison, realtime, the replaced dashboard's routes and
 * the OpenAPI document against the routes actually served.
 */
class ReadApiTest {
    static final String ADMIN = "admin-secret";
    static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:145.0) Gecko/20100101 Firefox/145.0";
    static RunningServer server;
    static ApiClient admin;
    static ApiClient reader;
    static String today;

    @BeforeAll
    static void start() {
        server = RunningServer.startWithAdminToken(ADMIN);
        admin = new ApiClient(server, ADMIN);
        assertEquals(201, admin.send("POST", "/api/v1/sites", "{\"domain\":\"api.test\",\"timezone\":\"Europe/Berlin\"}").statusCode());
        assertEquals(201, admin.send("POST", "/api/v1/sites", "{\"domain\":\"other.test\"}").statusCode());
        for (String page : List.of("/", "/pricing", "/pricing")) {
            String body = "{\"n\":\"pageview\",\"u\":\"https://api.test" + page + "\",\"d\":\"api.test\"}";
            assertEquals(202, server.post("/api/event", body, "User-Agent", FIREFOX).statusCode());
        }
        int siteId = server.footfall().sites().find("api.test").orElseThrow().id();
        reader = new ApiClient(server, new ApiTokens(server.footfall().dataSource()).create("reader", Optional.of(siteId), false).orElseThrow());
        today = LocalDate.now(ZoneId.of("Europe/Berlin")).toString();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void noTokenOrUnknownTokenIs401() {
        HttpResponse<String> none = new ApiClient(server, null).get("/api/v1/sites");
        assertEquals(401, none.statusCode());
        assertEquals("Authorization", admin.object(none.body()).get("field"));
        assertEquals(401, new ApiClient(server, "nope").get("/api/v1/stats/aggregate?site_id=api.test").statusCode());
    }

    @Test
    void siteTokenSeesItsSiteOnly() {
        assertEquals(List.of(Map.of("domain", "api.test", "timezone", "Europe/Berlin")),
                reader.getJson("/api/v1/sites", new TypeReference<List<Map<String, String>>>() { }));
        assertEquals(200, reader.get("/api/v1/stats/aggregate?site_id=api.test").statusCode());
        assertEquals(403, reader.get("/api/v1/stats/aggregate?site_id=other.test").statusCode());
        assertEquals(403, reader.get("/analytics/browsers?domain=http://other.test").statusCode());
        assertEquals(403, reader.send("POST", "/api/v1/sites", "{\"domain\":\"mine.test\"}").statusCode());
        assertEquals(List.of("http://api.test"), reader.getJson("/analytics/domains", new TypeReference<List<String>>() { }));
    }

    @Test
    void revokedTokenIs401() {
        ApiTokens tokens = new ApiTokens(server.footfall().dataSource());
        ApiClient temp = new ApiClient(server, tokens.create("temp", Optional.empty(), false).orElseThrow());
        assertEquals(200, temp.get("/api/v1/sites").statusCode());
        assertTrue(tokens.revoke("temp"));
        assertEquals(401, temp.get("/api/v1/sites").statusCode());
    }

    @Test
    void sitesAreCreatedChangedAndDeleted() {
        assertEquals(201, admin.send("POST", "/api/v1/sites", "{\"domain\":\"New.test\",\"timezone\":\"Asia/Kolkata\"}").statusCode());
        assertEquals(409, admin.send("POST", "/api/v1/sites", "{\"domain\":\"new.test\"}").statusCode());
        assertEquals("timezone", admin.object(admin.send("POST", "/api/v1/sites", "{\"domain\":\"x.test\",\"timezone\":\"Mars/Base\"}").body()).get("field"));
        assertEquals("domain", admin.object(admin.send("POST", "/api/v1/sites", "{\"domain\":\"http://x.test/a\"}").body()).get("field"));
        HttpResponse<String> patched = admin.send("PATCH", "/api/v1/sites/new.test", "{\"timezone\":\"America/St_Johns\"}");
        assertEquals(200, patched.statusCode());
        assertEquals("America/St_Johns", admin.object(patched.body()).get("timezone"));
        String snippet = (String) admin.object(admin.get("/api/v1/sites/new.test/snippet").body()).get("snippet");
        assertTrue(snippet.contains("data-domain=\"new.test\"") && snippet.contains("/tracker.js"), snippet);
        assertEquals(204, admin.send("DELETE", "/api/v1/sites/new.test", null).statusCode());
        assertEquals(404, admin.send("DELETE", "/api/v1/sites/new.test", null).statusCode());
    }

    record BadInput(String query, String field) {
        @Override
        public String toString() {
            return query;
        }

        /** Asserts that {@code res} is a 400 whose error names this case's field. */
        void assertRefused(ApiClient client, HttpResponse<String> res) {
            assertEquals(400, res.statusCode(), res.body());
            assertEquals(field, client.object(res.body()).get("field"), res.body());
        }
    }

    static Stream<BadInput> badInputs() {
        return Stream.of(
                new BadInput("aggregate?site_id=api.test&metrics=visitors,clicks", "metrics"),
                new BadInput("aggregate?site_id=nowhere.test", "site_id"),
                new BadInput("aggregate?period=7d", "site_id"),
                new BadInput("aggregate?site_id=api.test&period=week", "period"),
                new BadInput("aggregate?site_id=api.test&period=custom", "date"),
                new BadInput("aggregate?site_id=api.test&period=custom&date=2025-10-09,2025-10-01", "date"),
                new BadInput("aggregate?site_id=api.test&date=2025-13-01", "date"),
                new BadInput("aggregate?site_id=api.test&filters=event:page", "filters"),
                new BadInput("aggregate?site_id=api.test&filters=visit:planet==Mars", "filters"),
                new BadInput("aggregate?site_id=api.test&compare=last_year", "compare"),
                new BadInput("timeseries?site_id=api.test&period=12mo&interval=hour", "interval"),
                new BadInput("timeseries?site_id=api.test&interval=fortnight", "interval"),
                new BadInput("breakdown?site_id=api.test", "property"),
                new BadInput("breakdown?site_id=api.test&property=visit:planet", "property"),
                new BadInput("breakdown?site_id=api.test&property=event:props:", "property"),
                new BadInput("breakdown?site_id=api.test&property=event:page&metrics=bounce_rate", "metrics"),
                new BadInput("breakdown?site_id=api.test&property=event:page&limit=0", "limit"),
                new BadInput("breakdown?site_id=api.test&property=event:page&page=x", "page"));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputIs400NamingTheField(BadInput c) {
        c.assertRefused(admin, admin.get("/api/v1/stats/" + c.query()));
    }

    @Test
    void todaysTrafficShowsInEveryReport() {
        Map<String, Object> aggregate = admin.object(admin.get("/api/v1/stats/aggregate?site_id=api.test&period=day&metrics=visitors,pageviews,bounce_rate&compare=previous_period").body());
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> results = (Map<String, Map<String, Object>>) aggregate.get("results");
        assertEquals(1, ((Number) results.get("visitors").get("value")).intValue());
        assertEquals(3, ((Number) results.get("pageviews").get("value")).intValue());
        assertEquals(100.0, ((Number) results.get("pageviews").get("change")).doubleValue());
        HttpResponse<String> csv = admin.get("/api/v1/stats/timeseries?site_id=api.test&period=day&metrics=visitors,pageviews", "Accept", "text/csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        String[] lines = csv.body().split("\r\n");
        assertEquals("date,visitors,pageviews", lines[0]);
        assertEquals(25, lines.length, "header and 24 hours");
        HttpResponse<String> pages = admin.get("/api/v1/stats/breakdown?site_id=api.test&period=day&property=event:page&metrics=pageviews", "Accept", "text/csv");
        assertEquals("page,pageviews\r\n/pricing,2\r\n/,1\r\n", pages.body());
        assertEquals("1", admin.get("/api/v1/stats/realtime/visitors?site_id=api.test").body());
    }

    @Test
    void replacedDashboardRoutesAnswerFromRollups() {
        String range = "?domain=http://api.test&startDate=" + today + "&endDate=" + today;
        List<Map<String, Object>> visits = admin.getJson("/analytics/visits" + range, new TypeReference<>() { });
        assertEquals(3, visits.stream().mapToInt(v -> ((Number) v.get("views")).intValue()).sum());
        assertTrue(visits.stream().anyMatch(v -> v.get("page_url").equals("http://api.test/pricing") && v.get("date").equals(today)));
        assertEquals(Map.of("Firefox", 3), admin.getJson("/analytics/browsers" + range, new TypeReference<Map<String, Integer>>() { }));
        assertEquals(Map.of("Desktop", 3), admin.getJson("/analytics/devices" + range, new TypeReference<Map<String, Integer>>() { }));
        assertEquals(401, new ApiClient(server, null).get("/analytics/domains").statusCode());
    }

    /** Traffic stored before pair rollups existed has none: such ranges read raw rows, with the same answer. */
    @Test
    void pairRollupsAnswerOnlyTheRangesTheyCover() throws Exception {
        String path = "/api/v1/stats/breakdown?site_id=api.test&period=7d&property=event:page&metrics=visitors,pageviews"
                + "&filters=visit%3Abrowser%3D%3DFirefox";
        HttpResponse<String> fromPairs = admin.get(path);
        assertEquals("rollup", fromPairs.headers().firstValue("X-Footfall-Source").orElseThrow());
        int siteId = server.footfall().sites().find("api.test").orElseThrow().id();
        try (var c = server.footfall().dataSource().getConnection(); var st = c.createStatement()) {
            st.executeUpdate("INSERT INTO rollup_pair_coverage (site_id, from_ms) VALUES (" + siteId + ", " + System.currentTimeMillis() + ")");
            try {
                HttpResponse<String> fromRaw = admin.get(path);
                assertEquals("raw", fromRaw.headers().firstValue("X-Footfall-Source").orElseThrow());
                assertEquals(fromPairs.body(), fromRaw.body());
                assertTrue(fromRaw.body().contains("/pricing"), fromRaw.body());
            } finally {
                st.executeUpdate("DELETE FROM rollup_pair_coverage WHERE site_id = " + siteId);
            }
        }
    }

    /**
     * Traffic stored before page rows carried visit counters has none: a page-filtered aggregate
     * with visit metrics, or a page-filtered breakdown, over such a range reads raw rows, with the same answer.
     */
    @Test
    void pageRollupsAnswerOnlyTheRangesTheyCover() throws Exception {
        List<String> paths = List.of(
                "/api/v1/stats/aggregate?site_id=api.test&period=7d&metrics=visitors,visits,bounce_rate,visit_duration,pageviews"
                        + "&filters=event%3Apage%3D%3D%2Fpricing",
                "/api/v1/stats/breakdown?site_id=api.test&period=7d&property=visit:browser&metrics=visitors"
                        + "&filters=event%3Apage%3D%3D%2Fpricing");
        int siteId = server.footfall().sites().find("api.test").orElseThrow().id();
        for (String path : paths) {
            HttpResponse<String> fromRollups = admin.get(path);
            assertEquals("rollup", fromRollups.headers().firstValue("X-Footfall-Source").orElseThrow(), path);
            try (var c = server.footfall().dataSource().getConnection(); var st = c.createStatement()) {
                st.executeUpdate("INSERT INTO rollup_pair_coverage (site_id, from_ms, page_from_ms) VALUES (" + siteId + ", 0, "
                        + System.currentTimeMillis() + ")");
                try {
                    HttpResponse<String> fromRaw = admin.get(path);
                    assertEquals("raw", fromRaw.headers().firstValue("X-Footfall-Source").orElseThrow(), path);
                    assertEquals(fromRollups.body(), fromRaw.body());
                } finally {
                    st.executeUpdate("DELETE FROM rollup_pair_coverage WHERE site_id = " + siteId);
                }
            }
        }
        assertTrue(admin.get(paths.getFirst()).body().contains("\"visits\":{\"value\":1"), admin.get(paths.getFirst()).body());
    }

    /** Every documented path and method is routed (no 404/405), and every routed API path is documented. */
    @Test
    void openApiDocumentMatchesTheRoutes() {
        HttpResponse<String> doc = new ApiClient(server, null).get("/openapi");
        assertEquals(200, doc.statusCode());
        List<String> operations = new ArrayList<>();
        String path = null;
        for (String line : doc.body().split("\n")) {
            Matcher p = Pattern.compile("^  (/\\S*):$").matcher(line);
            Matcher m = Pattern.compile("^    (get|post|patch|delete):").matcher(line);
            if (p.find()) {
                path = p.group(1);
            } else if (m.find() && path != null) {
                operations.add(m.group(1).toUpperCase() + " " + path);
            }
        }
        assertEquals(List.of("POST /api/event", "POST /api/session", "GET /api/v1/stats/aggregate", "GET /api/v1/stats/timeseries",
                "GET /api/v1/stats/breakdown", "GET /api/v1/stats/funnel", "GET /api/v1/stats/realtime/visitors", "POST /api/v2/query", "POST /api/v1/import/events", "GET /api/v1/sites", "POST /api/v1/sites",
                "PATCH /api/v1/sites/{domain}", "DELETE /api/v1/sites/{domain}", "GET /api/v1/sites/{domain}/snippet",
                "GET /api/v1/sites/{domain}/goals", "POST /api/v1/sites/{domain}/goals", "GET /api/v1/sites/{domain}/goals/preview", "GET /api/v1/sites/{domain}/goals/history", "PATCH /api/v1/sites/{domain}/goals/{id}",
                "DELETE /api/v1/sites/{domain}/goals/{id}", "GET /api/v1/sites/{domain}/funnels", "POST /api/v1/sites/{domain}/funnels",
                "PATCH /api/v1/sites/{domain}/funnels/{id}", "DELETE /api/v1/sites/{domain}/funnels/{id}",
                "GET /analytics/domains", "GET /analytics/visits", "GET /analytics/browsers", "GET /analytics/devices", "GET /openapi"),
                operations);
        ApiClient anonymous = new ApiClient(server, null);
        for (String op : operations) {
            String[] parts = op.split(" ");
            int status = anonymous.send(parts[0], parts[1].replace("{domain}", "other.test").replace("{id}", "1"), parts[0].equals("GET") ? null : "{}").statusCode();
            assertNotEquals(404, status, op);
            assertNotEquals(405, status, op);
        }
    }
}
