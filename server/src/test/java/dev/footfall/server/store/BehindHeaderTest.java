package dev.footfall.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.server.ApiClient;
import dev.footfall.server.RunningServer;
import dev.footfall.server.http.BehindHeader;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A report answered while the drain is held up says so: the spool's mark table is write-locked by
 * the test (the drain's transaction waits on it, MySQL stays up for reads), so events acknowledged
 * after the lock are not in MySQL. The report waits for them as long as reports wait, then answers
 * without them and names how many it misses; once the lock goes, the next report has them all and
 * no header.
 */
class BehindHeaderTest {
    static final String ADMIN = "behind-admin";
    static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:145.0) Gecko/20100101 Firefox/145.0";
    static final String AGGREGATE = "/api/v1/stats/aggregate?site_id=behind.test&period=day&metrics=pageviews";

    @Test
    void aReportMissingAcknowledgedEventsSaysHowMany() throws SQLException {
        try (RunningServer server = RunningServer.startWithAdminToken(ADMIN)) {
            ApiClient admin = new ApiClient(server, ADMIN);
            assertEquals(201, admin.send("POST", "/api/v1/sites", "{\"domain\":\"behind.test\"}").statusCode());
            pageview(server, "/");
            HttpResponse<String> current = admin.get(AGGREGATE);
            assertEquals(1, pageviews(admin, current));
            assertTrue(current.headers().firstValue(BehindHeader.BEHIND).isEmpty(), "a complete report has no header");

            try (Connection c = server.footfall().dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("LOCK TABLES spool_marks WRITE");
                for (String page : new String[] {"/a", "/b", "/c"}) {
                    pageview(server, page);
                }
                HttpResponse<String> behind = admin.get(AGGREGATE);
                assertEquals(200, behind.statusCode(), behind.body());
                assertEquals(1, pageviews(admin, behind));
                assertEquals("3", behind.headers().firstValue(BehindHeader.BEHIND).orElse("none"));
                assertTrue(Long.parseLong(behind.headers().firstValue(BehindHeader.BEHIND_AGE).orElseThrow()) >= 0);
                s.execute("UNLOCK TABLES");
            }

            HttpResponse<String> caughtUp = admin.get(AGGREGATE);
            assertEquals(4, pageviews(admin, caughtUp));
            assertTrue(caughtUp.headers().firstValue(BehindHeader.BEHIND).isEmpty(), caughtUp.headers().map().toString());
        }
    }

    private static void pageview(RunningServer server, String page) {
        String body = "{\"n\":\"pageview\",\"u\":\"https://behind.test" + page + "\",\"d\":\"behind.test\"}";
        assertEquals(202, server.post("/api/event", body, "User-Agent", FIREFOX).statusCode());
    }

    @SuppressWarnings("unchecked")
    private static int pageviews(ApiClient admin, HttpResponse<String> res) {
        assertEquals(200, res.statusCode(), res.body());
        Map<String, Map<String, Object>> results = (Map<String, Map<String, Object>>) admin.object(res.body()).get("results");
        return ((Number) results.get("pageviews").get("value")).intValue();
    }
}
