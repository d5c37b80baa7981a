package dev.footfall.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.footfall.server.ApiClient;
import dev.footfall.server.RunningServer;
import dev.footfall.server.auth.ApiTokens;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Goal management over HTTP: create, list, change and delete with an admin token; 409 for a
 * repeated definition or name, 400 naming the field for a bad pattern, threshold or shape, 403
 * for a reading token; and goal reports' own input errors. The numbers of goal reports are
 * {@code GoalReportsTest}'s.
 */
class GoalsApiTest {
    static final String ADMIN = "admin-secret";
    static RunningServer server;
    static ApiClient admin;
    static ApiClient reader;

    @BeforeAll
    static void start() {
        server = RunningServer.startWithAdminToken(ADMIN);
        admin = new ApiClient(server, ADMIN);
        assertEquals(201, admin.send("POST", "/api/v1/sites", "{\"domain\":\"goals.test\"}").statusCode());
        int siteId = server.footfall().sites().find("goals.test").orElseThrow().id();
        reader = new ApiClient(server, new ApiTokens(server.footfall().dataSource()).create("reader", Optional.of(siteId), false).orElseThrow());
        for (String body : List.of(
                "{\"n\":\"pageview\",\"u\":\"https://goals.test/pricing\",\"d\":\"goals.test\"}",
                "{\"n\":\"pageview\",\"u\":\"https://goals.test/pricing\",\"d\":\"goals.test\"}",
                "{\"n\":\"Signup\",\"u\":\"https://goals.test/pricing\",\"d\":\"goals.test\",\"p\":{\"plan\":\"pro\"}}",
                "{\"n\":\"Purchase\",\"u\":\"https://goals.test/cart\",\"d\":\"goals.test\",\"$\":{\"a\":\"19.99\",\"c\":\"EUR\"}}",
                "{\"n\":\"Purchase\",\"u\":\"https://goals.test/cart\",\"d\":\"goals.test\",\"$\":{\"a\":\"5.01\",\"c\":\"USD\"}}")) {
            assertEquals(202, server.post("/api/event", body, "User-Agent", ReadApiTest.FIREFOX).statusCode());
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> create(String body) {
        return admin.send("POST", "/api/v1/sites/goals.test/goals", body);
    }

    @Test
    void goalsAreCreatedListedChangedAndDeleted() {
        HttpResponse<String> page = create("{\"goal_type\":\"page\",\"page_path\":\"/docs/**\"}");
        assertEquals(201, page.statusCode(), page.body());
        Map<String, Object> created = admin.object(page.body());
        assertEquals("Visit /docs/**", created.get("display_name"));
        int id = ((Number) created.get("id")).intValue();
        assertEquals(409, create("{\"page_path\":\"/docs/**\",\"display_name\":\"Docs again\"}").statusCode());
        HttpResponse<String> sameName = create("{\"event_name\":\"Download\",\"display_name\":\"Visit /docs/**\"}");
        assertEquals(409, sameName.statusCode());
        assertEquals("display_name", admin.object(sameName.body()).get("field"));

        HttpResponse<String> scroll = create("{\"page_path\":\"/blog/*\",\"scroll_threshold\":75}");
        assertEquals(201, scroll.statusCode(), scroll.body());
        assertEquals("scroll", admin.object(scroll.body()).get("goal_type"));
        assertEquals("Scroll 75% on /blog/*", admin.object(scroll.body()).get("display_name"));

        HttpResponse<String> patched = admin.send("PATCH", "/api/v1/sites/goals.test/goals/" + id, "{\"page_path\":\"/guide/**|/docs/**\"}");
        assertEquals(200, patched.statusCode(), patched.body());
        assertEquals("Visit /guide/** or /docs/**", admin.object(patched.body()).get("display_name"), "a default name follows the definition");
        HttpResponse<String> renamed = admin.send("PATCH", "/api/v1/sites/goals.test/goals/" + id, "{\"display_name\":\"Read the docs\"}");
        assertEquals("/guide/**|/docs/**", admin.object(renamed.body()).get("page_path"));

        List<Map<String, Object>> listed = reader.getJson("/api/v1/sites/goals.test/goals", new TypeReference<>() { });
        assertTrue(listed.stream().anyMatch(g -> g.get("display_name").equals("Read the docs")), listed.toString());
        assertEquals(403, reader.send("POST", "/api/v1/sites/goals.test/goals", "{\"event_name\":\"X\"}").statusCode());
        assertEquals(204, admin.send("DELETE", "/api/v1/sites/goals.test/goals/" + id, null).statusCode());
        assertEquals(404, admin.send("DELETE", "/api/v1/sites/goals.test/goals/" + id, null).statusCode());
        assertEquals(404, admin.send("PATCH", "/api/v1/sites/goals.test/goals/" + id, "{}").statusCode());
        assertEquals("id", admin.object(admin.send("DELETE", "/api/v1/sites/goals.test/goals/x", null).body()).get("field"));
    }

    static Stream<ReadApiTest.BadInput> badGoals() {
        return Stream.of(
                new ReadApiTest.BadInput("{\"goal_type\":\"page\"}", "page_path"),
                new ReadApiTest.BadInput("{\"page_path\":\"pricing\"}", "page_path"),
                new ReadApiTest.BadInput("{\"page_path\":\"/a||/b\"}", "page_path"),
                new ReadApiTest.BadInput("{\"page_path\":\"/a/***\"}", "page_path"),
                new ReadApiTest.BadInput("{\"page_path\":\"/a b\"}", "page_path"),
                new ReadApiTest.BadInput("{\"page_path\":\"/blog\",\"scroll_threshold\":0}", "scroll_threshold"),
                new ReadApiTest.BadInput("{\"page_path\":\"/blog\",\"scroll_threshold\":101}", "scroll_threshold"),
                new ReadApiTest.BadInput("{\"page_path\":\"/blog\",\"scroll_threshold\":\"most\"}", "scroll_threshold"),
                new ReadApiTest.BadInput("{\"goal_type\":\"scroll\",\"page_path\":\"/blog\"}", "scroll_threshold"),
                new ReadApiTest.BadInput("{\"goal_type\":\"event\"}", "event_name"),
                new ReadApiTest.BadInput("{\"event_name\":\"pageview\"}", "event_name"),
                new ReadApiTest.BadInput("{\"event_name\":\"X\",\"custom_props\":{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\",\"d\":\"4\"}}", "custom_props"),
                new ReadApiTest.BadInput("{\"event_name\":\"X\",\"custom_props\":{\"a\":\"\"}}", "custom_props"),
                new ReadApiTest.BadInput("{\"event_name\":\"X\",\"page_path\":\"/x\",\"goal_type\":\"event\"}", "page_path"),
                new ReadApiTest.BadInput("{\"event_name\":\"X\",\"display_name\":\"A|B\"}", "display_name"),
                new ReadApiTest.BadInput("{\"goal_type\":\"funnel\"}", "goal_type"),
                new ReadApiTest.BadInput("[]", "body"));
    }

    @ParameterizedTest
    @MethodSource("badGoals")
    void badGoalIs400NamingTheField(ReadApiTest.BadInput c) {
        c.assertRefused(admin, create(c.query()));
    }

    static Stream<ReadApiTest.BadInput> badGoalQueries() {
        return Stream.of(
                new ReadApiTest.BadInput("aggregate?site_id=goals.test&metrics=conversion_rate", "metrics"),
                new ReadApiTest.BadInput("aggregate?site_id=goals.test&filters=event:goal==Nothing", "filters"),
                new ReadApiTest.BadInput("aggregate?site_id=goals.test&filters=event:goal!=Signup", "filters"),
                new ReadApiTest.BadInput("aggregate?site_id=goals.test&filters=event:goal==Signup&metrics=bounce_rate", "metrics"),
                new ReadApiTest.BadInput("aggregate?site_id=goals.test&filters=event:goal==Signup&currency=eur", "currency"),
                new ReadApiTest.BadInput("breakdown?site_id=goals.test&property=event:goal&metrics=pageviews", "metrics"));
    }

    @ParameterizedTest
    @MethodSource("badGoalQueries")
    void badGoalQueryIs400NamingTheField(ReadApiTest.BadInput c) {
        create("{\"event_name\":\"Signup\"}");
        c.assertRefused(admin, admin.get("/api/v1/stats/" + c.query()));
    }

    @Test
    void revenueInSeveralCurrenciesIsAWarningNotASum() {
        create("{\"event_name\":\"Purchase\"}");
        create("{\"page_path\":\"/pricing\"}");
        create("{\"event_name\":\"Signup\",\"custom_props\":{\"plan\":\"pro\"},\"display_name\":\"Pro signup\"}");
        String base = "/api/v1/stats/aggregate?site_id=goals.test&period=day&filters=event:goal%3D%3DPurchase"
                + "&metrics=visitors,events,conversion_rate,total_revenue,average_revenue";
        Map<String, Object> mixed = admin.object(admin.get(base).body());
        assertTrue(((Map<?, ?>) mixed.get("warnings")).get("total_revenue").toString().contains("EUR, USD"), mixed.toString());
        assertEquals(null, ((Map<?, ?>) ((Map<?, ?>) mixed.get("results")).get("total_revenue")).get("value"));
        Map<String, Object> euros = admin.object(admin.get(base + "&currency=EUR").body());
        Map<?, ?> results = (Map<?, ?>) euros.get("results");
        assertEquals(Map.of("value", 19.99, "currency", "EUR"), ((Map<?, ?>) results.get("total_revenue")).get("value"));
        assertEquals(2, ((Map<?, ?>) results.get("events")).get("value"));
        assertEquals(100.0, ((Map<?, ?>) results.get("conversion_rate")).get("value"), "one visitor, who bought");

        HttpResponse<String> byGoal = admin.get("/api/v1/stats/breakdown?site_id=goals.test&period=day&property=event:goal"
                + "&metrics=visitors,events,conversion_rate");
        assertEquals(200, byGoal.statusCode(), byGoal.body());
        List<Map<String, Object>> rows = admin.parse(byGoal.body(), new TypeReference<Map<String, List<Map<String, Object>>>>() { })
                .get("results");
        Map<String, Object> pricing = rows.stream().filter(r -> r.get("goal").equals("Visit /pricing")).findFirst().orElseThrow();
        assertEquals(2, pricing.get("events"), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.get("goal").equals("Pro signup")), rows.toString());

        Map<String, Object> preview = admin.object(admin.get("/api/v1/sites/goals.test/goals/preview?goal_type=page&page_path=/pric*").body());
        assertEquals(Map.of("value", 2), ((Map<?, ?>) preview.get("results")).get("events"), preview.toString());
        HttpResponse<String> badPreview = reader.get("/api/v1/sites/goals.test/goals/preview?page_path=pricing");
        assertEquals(400, badPreview.statusCode());
        assertEquals("page_path", admin.object(badPreview.body()).get("field"));

        String csv = admin.get("/api/v1/stats/breakdown?site_id=goals.test&period=day&property=event:goal&currency=EUR"
                + "&metrics=visitors,total_revenue", "Accept", "text/csv").body();
        assertTrue(csv.startsWith("goal,visitors,total_revenue\r\n") && csv.contains("Purchase,1,19.99 EUR\r\n"), csv);
    }
}
