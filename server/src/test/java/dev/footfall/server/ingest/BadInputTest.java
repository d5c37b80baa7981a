package dev.footfall.server.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.server.RunningServer;
import dev.footfall.server.TestInfra;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every class of malformed input gets a 4xx naming the field, and nothing is stored. */
class BadInputTest {
    static RunningServer server;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        server = RunningServer.start(TestInfra.freshConfig());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Case(String label, String path, String body, int status, String field) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Case> cases() {
        String big = "x".repeat(17 * 1024);
        return Stream.of(
                new Case("malformed JSON", "/api/event", "{\"n\":\"pageview\",", 400, "body"),
                new Case("not an object", "/api/event", "[1,2]", 400, "body"),
                new Case("empty body", "/api/event", "", 400, "body"),
                new Case("missing url", "/api/event", "{\"n\":\"pageview\",\"d\":\"bad.test\"}", 400, "url"),
                new Case("missing name", "/api/event", "{\"u\":\"https://bad.test/\",\"d\":\"bad.test\"}", 400, "name"),
                new Case("missing domain", "/api/event", "{\"n\":\"pageview\",\"u\":\"https://bad.test/\"}", 400, "domain"),
                new Case("ftp url", "/api/event", "{\"n\":\"pageview\",\"u\":\"ftp://bad.test/\",\"d\":\"bad.test\"}", 400, "url"),
                new Case("relative url", "/api/event", "{\"n\":\"pageview\",\"u\":\"/path\",\"d\":\"bad.test\"}", 400, "url"),
                new Case("over-long name", "/api/event", "{\"n\":\"" + "n".repeat(200) + "\",\"u\":\"https://bad.test/\",\"d\":\"bad.test\"}", 400, "name"),
                new Case("over-long url", "/api/event", "{\"n\":\"pageview\",\"u\":\"https://bad.test/" + "p".repeat(2100) + "\",\"d\":\"bad.test\"}", 400, "url"),
                new Case("wrong type for props", "/api/event", "{\"n\":\"x\",\"u\":\"https://bad.test/\",\"d\":\"bad.test\",\"p\":5}", 400, "props"),
                new Case("nested props", "/api/event", "{\"n\":\"x\",\"u\":\"https://bad.test/\",\"d\":\"bad.test\",\"p\":{\"a\":{\"b\":1}}}", 400, "props"),
                new Case("wrong type for screen width", "/api/event", "{\"n\":\"pageview\",\"u\":\"https://bad.test/\",\"d\":\"bad.test\",\"w\":\"wide\"}", 400, "screen_width"),
                new Case("scroll depth out of range", "/api/event", "{\"n\":\"engagement\",\"u\":\"https://bad.test/\",\"d\":\"bad.test\",\"sd\":150}", 400, "scroll_depth"),
                new Case("body over 16 KiB", "/api/event", "{\"n\":\"pageview\",\"u\":\"https://bad.test/\",\"d\":\"bad.test\",\"r\":\"" + big + "\"}", 413, "body"),
                new Case("revenue past the column", "/api/event", revenue("1e30"), 400, "revenue"),
                new Case("revenue past the column after rounding", "/api/event", revenue("99999999999999.99995"), 400, "revenue"),
                new Case("revenue with a huge exponent", "/api/event", revenue("1e999999999"), 400, "revenue"),
                new Case("session without pageUrl", "/api/session", "{\"browser\":\"Chrome\"}", 400, "pageUrl"),
                new Case("session with javascript url", "/api/session", "{\"pageUrl\":\"javascript:alert(1)\"}", 400, "pageUrl"),
                new Case("session with malformed JSON", "/api/session", "{\"pageUrl\":\"https://bad.test/\",", 400, "body"),
                new Case("session with a number for pageUrl", "/api/session", "{\"pageUrl\":5}", 400, "pageUrl"));
    }

    private static String revenue(String amount) {
        return "{\"n\":\"Purchase\",\"u\":\"https://bad.test/\",\"d\":\"bad.test\",\"revenue\":{\"amount\":\"" + amount
                + "\",\"currency\":\"EUR\"}}";
    }

    /** Amounts at the column's limits are stored (rounded to 4 places), and the drain goes on past them. */
    @Test
    void revenueWithinTheColumnIsStoredRounded() {
        long before = server.count("SELECT COUNT(*) FROM events");
        for (String amount : List.of("-99999999999999.9999", "1e-999999999", "12.34565", "7E+2")) {
            HttpResponse<String> response = server.post("/api/event", revenue(amount), "Content-Type", "text/plain",
                    "User-Agent", EventIngestionTest.CHROME_WINDOWS);
            assertEquals(202, response.statusCode(), amount + ": " + response.body());
        }
        assertEquals(before + 4, server.count("SELECT COUNT(*) FROM events"));
        assertEquals(1L, server.count("SELECT COUNT(*) FROM events WHERE revenue_amount = -99999999999999.9999"));
        assertEquals(1L, server.count("SELECT COUNT(*) FROM events WHERE revenue_amount = 0 AND revenue_currency = 'EUR'"));
        assertEquals(1L, server.count("SELECT COUNT(*) FROM events WHERE revenue_amount = 12.3456"), "half-even to 4 places");
        assertEquals(1L, server.count("SELECT COUNT(*) FROM events WHERE revenue_amount = 700"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void rejectsWithFieldAndStoresNothing(Case c) throws Exception {
        long before = server.count("SELECT COUNT(*) FROM events");
        HttpResponse<String> response = server.post(c.path(), c.body(), "Content-Type", "text/plain",
                "User-Agent", EventIngestionTest.CHROME_WINDOWS);
        assertEquals(c.status(), response.statusCode(), response.body());
        JsonNode error = JSON.readTree(response.body());
        assertEquals(c.field(), error.path("field").asText(), response.body());
        assertTrue(!error.path("error").asText().isEmpty(), "error text");
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("*", response.headers().firstValue("Access-Control-Allow-Origin").orElse(""), "CORS on errors too");
        assertEquals(before, server.count("SELECT COUNT(*) FROM events"));
    }
}
