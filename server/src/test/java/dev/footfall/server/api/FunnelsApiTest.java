package dev.footfall.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.footfall.server.ApiClient;
import dev.footfall.server.RunningServer;
import dev.footfall.server.TestInfra;
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
 * Funnel management over HTTP, as goals': create, list, change and delete with an admin token;
 * 409 for a repeated name and for deleting a goal a funnel uses, 400 naming the field for a bad
 * shape, 403 for a reading token; the funnel report's own input errors, and its order rule on
 * one visit. The report's numbers over random traffic are {@code FunnelReportTest}'s.
 */
class FunnelsApiTest {
    static final String ADMIN = "admin-secret";
    static final String SITE = "/api/v1/sites/funnels.test";
    static RunningServer server;
    static ApiClient admin;
    static ApiClient reader;
    static int pricing;
    static int signup;
    static int purchase;

    @BeforeAll
    static void start() {
        server = RunningServer.start(TestInfra.adminConfig(ADMIN));
        admin = new ApiClient(server, ADMIN);
        assertEquals(201, admin.send("POST", "/api/v1/sites", "{\"domain\":\"funnels.test\"}").statusCode());
        int siteId = server.footfall().sites().find("funnels.test").orElseThrow().id();
        reader = new ApiClient(server, new ApiTokens(server.footfall().dataSource()).create("reader", Optional.of(siteId), false).orElseThrow());
        for (String body : List.of(
                "{\"n\":\"Purchase\",\"u\":\"https://funnels.test/cart\",\"d\":\"funnels.test\",\"$\":{\"a\":\"3.00\",\"c\":\"EUR\"}}",
                "{\"n\":\"pageview\",\"u\":\"https://funnels.test/pricing\",\"d\":\"funnels.test\"}",
                "{\"n\":\"Signup\",\"u\":\"https://funnels.test/pricing\",\"d\":\"funnels.test\"}",
                "{\"n\":\"Purchase\",\"u\":\"https://funnels.test/cart\",\"d\":\"funnels.test\",\"$\":{\"a\":\"19.99\",\"c\":\"EUR\"}}",
                "{\"n\":\"Purchase\",\"u\":\"https://funnels.test/cart\",\"d\":\"funnels.test\",\"$\":{\"a\":\"5.01\",\"c\":\"USD\"}}")) {
            assertEquals(202, server.post("/api/event", body, "User-Agent", ReadApiTest.FIREFOX).statusCode());
        }
        pricing = goal("{\"page_path\":\"/pricing\"}");
        signup = goal("{\"event_name\":\"Signup\"}");
        purchase = goal("{\"event_name\":\"Purchase\"}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static int goal(String body) {
        HttpResponse<String> res = admin.send("POST", SITE + "/goals", body);
        assertEquals(201, res.statusCode(), res.body());
        return ((Number) admin.object(res.body()).get("id")).intValue();
    }

    private static HttpResponse<String> create(String body) {
        return admin.send("POST", SITE + "/funnels", body);
    }

    @Test
    void funnelsAreCreatedListedChangedAndDeleted() {
        HttpResponse<String> created = create("{\"name\":\"Signup flow\",\"steps\":[" + pricing + "," + signup + "]}");
        assertEquals(201, created.statusCode(), created.body());
        int id = ((Number) admin.object(created.body()).get("id")).intValue();
        assertEquals(List.of(pricing, signup), admin.object(created.body()).get("steps"));
        HttpResponse<String> again = create("{\"name\":\"Signup flow\",\"steps\":[" + signup + "," + purchase + "]}");
        assertEquals(409, again.statusCode(), again.body());
        assertEquals("name", admin.object(again.body()).get("field"));

        HttpResponse<String> patched = admin.send("PATCH", SITE + "/funnels/" + id, "{\"steps\":[" + pricing + "," + signup + "," + purchase + "]}");
        assertEquals(200, patched.statusCode(), patched.body());
        assertEquals("Signup flow", admin.object(patched.body()).get("name"), "an absent name keeps its value");
        List<Map<String, Object>> listed = reader.getJson(SITE + "/funnels", new TypeReference<>() { });
        assertTrue(listed.stream().anyMatch(f -> f.get("steps").equals(List.of(pricing, signup, purchase))), listed.toString());
        assertEquals(403, reader.send("POST", SITE + "/funnels", "{\"name\":\"X\",\"steps\":[1,2]}").statusCode());
        assertEquals(403, reader.send("DELETE", SITE + "/funnels/" + id, null).statusCode());

        HttpResponse<String> goalInUse = admin.send("DELETE", SITE + "/goals/" + signup, null);
        assertEquals(409, goalInUse.statusCode(), goalInUse.body());
        assertEquals("id", admin.object(goalInUse.body()).get("field"));
        assertTrue(goalInUse.body().contains("Signup flow"), goalInUse.body());

        assertEquals(204, admin.send("DELETE", SITE + "/funnels/" + id, null).statusCode());
        assertEquals(404, admin.send("DELETE", SITE + "/funnels/" + id, null).statusCode());
        assertEquals(404, admin.send("PATCH", SITE + "/funnels/" + id, "{}").statusCode());
        assertEquals("id", admin.object(admin.send("DELETE", SITE + "/funnels/x", null).body()).get("field"));
        int spare = goal("{\"event_name\":\"Spare\"}");
        assertEquals(204, admin.send("DELETE", SITE + "/goals/" + spare, null).statusCode(), "a goal no funnel uses is deleted");
    }

    static Stream<ReadApiTest.BadInput> badFunnels() {
        return Stream.of(
                new ReadApiTest.BadInput("{\"steps\":[1,2]}", "name"),
                new ReadApiTest.BadInput("{\"name\":\"One\",\"steps\":[1]}", "steps"),
                new ReadApiTest.BadInput("{\"name\":\"None\"}", "steps"),
                new ReadApiTest.BadInput("{\"name\":\"Nine\",\"steps\":[1,2,3,4,5,6,7,8,9]}", "steps"),
                new ReadApiTest.BadInput("{\"name\":\"Twice\",\"steps\":[1,1]}", "steps"),
                new ReadApiTest.BadInput("{\"name\":\"Unknown\",\"steps\":[1,99999]}", "steps"),
                new ReadApiTest.BadInput("{\"name\":\"Text\",\"steps\":[\"a\",\"b\"]}", "steps"),
                new ReadApiTest.BadInput("[]", "body"));
    }

    @ParameterizedTest
    @MethodSource("badFunnels")
    void badFunnelIs400NamingTheField(ReadApiTest.BadInput c) {
        c.assertRefused(admin, create(c.query()));
    }

    static Stream<ReadApiTest.BadInput> badReports() {
        return Stream.of(
                new ReadApiTest.BadInput("site_id=funnels.test", "funnel_id"),
                new ReadApiTest.BadInput("site_id=funnels.test&funnel_id=x", "funnel_id"),
                new ReadApiTest.BadInput("site_id=funnels.test&funnel_id=1&filters=event:page%3D%3D/pricing", "filters"),
                new ReadApiTest.BadInput("site_id=funnels.test&funnel_id=1&filters=visit:utm_source%3D%3Dx", "filters"),
                new ReadApiTest.BadInput("site_id=funnels.test&funnel_id=1&period=week", "period"),
                new ReadApiTest.BadInput("site_id=funnels.test&funnel_id=1&compare=yesterday", "compare"),
                new ReadApiTest.BadInput("funnel_id=1", "site_id"));
    }

    @ParameterizedTest
    @MethodSource("badReports")
    void badReportIs400NamingTheField(ReadApiTest.BadInput c) {
        c.assertRefused(admin, admin.get("/api/v1/stats/funnel?" + c.query()));
    }

    @Test
    void unknownFunnelIs404() {
        HttpResponse<String> res = admin.get("/api/v1/stats/funnel?site_id=funnels.test&funnel_id=99999");
        assertEquals(404, res.statusCode(), res.body());
        assertEquals("funnel_id", admin.object(res.body()).get("field"));
    }

    /** One visit: Purchase, /pricing, Signup, Purchase, Purchase. */
    @Test
    void stepsCountInOrderWithinTheVisit() {
        HttpResponse<String> made = create("{\"name\":\"Checkout\",\"steps\":[" + pricing + "," + signup + "," + purchase + "]}");
        assertEquals(201, made.statusCode(), made.body());
        Map<String, Object> report = report(((Number) admin.object(made.body()).get("id")).intValue(), "&compare=previous_period");
        assertEquals(1, report.get("all_visitors"));
        assertEquals(1, report.get("entering_visitors"));
        assertEquals(100.0, report.get("entering_visitors_percentage"));
        List<Map<String, Object>> steps = steps(report);
        assertEquals(List.of(1, 1, 1), steps.stream().map(s -> s.get("visitors")).toList());
        assertEquals(List.of(Map.of("value", 19.99, "currency", "EUR")), steps.get(2).get("total_revenue"),
                "the purchase after the signup is the step's, not the one before or after it");
        assertEquals(null, steps.get(0).get("total_revenue"));
        assertEquals(List.of(0, 0, 0), steps(report.get("comparison")).stream().map(s -> s.get("visitors")).toList());

        HttpResponse<String> backwards = create("{\"name\":\"Backwards\",\"steps\":[" + signup + "," + pricing + "]}");
        Map<String, Object> back = report(((Number) admin.object(backwards.body()).get("id")).intValue(), "");
        List<Map<String, Object>> backSteps = steps(back);
        assertEquals(List.of(1, 0), backSteps.stream().map(s -> s.get("visitors")).toList(), "the pageview came before the signup");
        assertEquals(1, backSteps.get(1).get("dropoff"));
        assertEquals(100.0, backSteps.get(1).get("dropoff_percentage"));
        assertEquals(0.0, backSteps.get(1).get("conversion_rate"));
        assertEquals(null, back.get("comparison"));
        HttpResponse<String> filtered = admin.get("/api/v1/stats/funnel?site_id=funnels.test&period=day&filters=visit:country%3D%3DZZ&funnel_id="
                + admin.object(backwards.body()).get("id"));
        assertEquals(200, filtered.statusCode(), filtered.body());
        assertEquals(0, admin.object(filtered.body()).get("entering_visitors"));
    }

    private static Map<String, Object> report(int id, String more) {
        HttpResponse<String> res = reader.get("/api/v1/stats/funnel?site_id=funnels.test&period=day&funnel_id=" + id + more);
        assertEquals(200, res.statusCode(), res.body());
        return admin.object(res.body());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> steps(Object report) {
        return (List<Map<String, Object>>) ((Map<String, Object>) report).get("steps");
    }
}
