package dev.footfall.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.footfall.server.ApiClient;
import dev.footfall.server.RunningServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code visit:channel} end to end: derived at ingest from referrer, UTM tags and click ids, stored
 * with the visit, broken down and filtered in the Stats API from rollups, single and pair.
 */
class ChannelReportTest {
    static final String ADMIN = "channel-admin";
    static RunningServer server;
    static ApiClient admin;

    @BeforeAll
    static void start() {
        server = RunningServer.startWithAdminToken(ADMIN);
        admin = new ApiClient(server, ADMIN);
        visit(1, "https://www.google.com/", "/");
        visit(2, "https://www.google.com/", "/");
        visit(3, "https://www.google.com/", "/?gclid=Cj0KCQ");
        visit(4, "https://www.reddit.com/r/java/", "/");
        visit(5, null, "/?utm_source=weekly&utm_medium=email");
        visit(6, "https://chatgpt.com/", "/docs");
        visit(7, null, "/");
        visit(8, null, "/?utm_source=facebook&utm_medium=paid_social");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** One visitor (own user agent) landing on {@code path} from {@code referrer}. */
    static void visit(int visitor, String referrer, String path) {
        String body = "{\"n\":\"pageview\",\"u\":\"https://channel.test" + path + "\",\"d\":\"channel.test\",\"r\":"
                + (referrer == null ? "null" : "\"" + referrer + "\"") + "}";
        HttpResponse<String> res = server.post("/api/event", body, "User-Agent", ReadApiTest.FIREFOX + " v" + visitor);
        assertEquals(202, res.statusCode(), res.body());
    }

    @Test
    void breakdownByChannel() {
        HttpResponse<String> res = admin.get("/api/v1/stats/breakdown?site_id=channel.test&period=day&property=visit:channel&metrics=visitors");
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("rollup", res.headers().firstValue("X-Footfall-Source").orElse(""));
        assertEquals(Map.of("Organic Search", 2, "Paid Search", 1, "Organic Social", 1, "Email", 1, "AI Assistants", 1,
                "Direct", 1, "Paid Social", 1), byLabel(res.body(), "channel"));
    }

    @Test
    void channelFilterNarrowsOtherBreakdownsFromPairRollups() {
        HttpResponse<String> res = admin.get("/api/v1/stats/breakdown?site_id=channel.test&period=day&property=visit:source&metrics=visitors"
                + "&filters=" + URLEncoder.encode("visit:channel==Paid Search", StandardCharsets.UTF_8));
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("rollup", res.headers().firstValue("X-Footfall-Source").orElse(""));
        assertEquals(Map.of("Google", 1), byLabel(res.body(), "source"));
    }

    @Test
    void channelsOfOneSourceFromPairRollups() {
        HttpResponse<String> res = admin.get("/api/v1/stats/breakdown?site_id=channel.test&period=day&property=visit:channel&metrics=visitors,visits"
                + "&filters=" + URLEncoder.encode("visit:source==Google", StandardCharsets.UTF_8));
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("rollup", res.headers().firstValue("X-Footfall-Source").orElse(""));
        assertEquals(Map.of("Organic Search", 2, "Paid Search", 1), byLabel(res.body(), "channel"));
    }

    @Test
    void excludingChannelsReadsRawRows() {
        HttpResponse<String> res = admin.get("/api/v1/stats/aggregate?site_id=channel.test&period=day&metrics=visitors"
                + "&filters=" + URLEncoder.encode("visit:channel!=Direct|Organic Search", StandardCharsets.UTF_8));
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("raw", res.headers().firstValue("X-Footfall-Source").orElse(""));
        Map<String, Map<String, Map<String, Object>>> body = admin.parse(res.body(), new TypeReference<>() { });
        assertEquals(5, ((Number) body.get("results").get("visitors").get("value")).intValue());
    }

    private static Map<String, Integer> byLabel(String body, String key) {
        Map<String, List<Map<String, Object>>> parsed = admin.parse(body, new TypeReference<>() { });
        Map<String, Integer> rows = new LinkedHashMap<>();
        parsed.get("results").forEach(r -> rows.put((String) r.get(key), ((Number) r.get("visitors")).intValue()));
        return rows;
    }
}
