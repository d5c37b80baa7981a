package dev.footfall.server.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.footfall.server.RunningServer;
import dev.footfall.server.TestInfra;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With no GeoIP setting at all, the server stores the country of the visitor's public address
 * from the bundled DB-IP database, over the time zone the browser reports. The addresses are real allocations (see {@code BundledCountriesTest}).
 */
class CountryByIpTest {
    static RunningServer server;

    @BeforeAll
    static void start() {
        Map<String, String> config = TestInfra.freshConfig();
        config.put("FOOTFALL_TRUSTED_PROXIES", "127.0.0.1/32,::1");
        server = RunningServer.start(config);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void countryComesFromTheBundledDatabaseWithNoConfiguration() {
        assertEquals("DE", storedCountry("193.99.144.80", "America/New_York", "/de"));
        assertEquals("BR", storedCountry("200.160.2.3", "Europe/Berlin", "/br"));
        assertEquals("NL", storedCountry("2001:67c:2e8::1", null, "/nl"));
    }

    @Test
    void anAddressTheDatabaseDoesNotKnowFallsBackToTheTimeZone() {
        assertEquals("JP", storedCountry("10.1.2.3", "Asia/Tokyo", "/jp"));
    }

    private String storedCountry(String address, String zone, String page) {
        String body = "{\"n\":\"pageview\",\"u\":\"https://geo.test" + page + "\",\"d\":\"geo.test\""
                + (zone == null ? "" : ",\"tz\":\"" + zone + "\"") + "}";
        assertEquals(202, server.post("/api/event", body, "User-Agent", EventIngestionTest.FIREFOX_LINUX + " " + page,
                "X-Forwarded-For", address).statusCode());
        return String.valueOf(server.row("SELECT e.country FROM events e JOIN dim_pages p ON p.id = e.page_id"
                + " WHERE p.value = ? ORDER BY e.id DESC LIMIT 1", page).get("country"));
    }
}
