package dev.footfall.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.footfall.server.ApiClient;
import dev.footfall.server.RunningServer;
import dev.footfall.server.TestInfra;
import dev.footfall.server.enrich.TestMmdb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code visit:region} and {@code visit:city} end to end, with {@code FOOTFALL_GEOIP_DB} naming a
 * small city database the test writes ({@link TestMmdb}): looked up at ingest, stored with the
 * visit, broken down (code and name) and filtered in the Stats API, from rollups when unfiltered,
 * filtered to one value or to one country, raw otherwise; DB-IP Lite's name-only records and
 * import lines too.
 */
class RegionCityReportTest {
    static final String ADMIN = "city-admin";
    static final String SITE = "city.test";
    static RunningServer server;
    static ApiClient admin;
    static Path dir;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("footfall-city");
        Path mmdb = TestMmdb.of("GeoLite2-City")
                .geoLite("193.99.144.0/24", "DE", "BY", "Bavaria", 2867714, "Munich")
                .geoLite("193.99.145.0/24", "DE", "BY", "Bavaria", 2861650, "Nuremberg")
                .geoLite("200.160.2.0/24", "BR", "SP", "São Paulo", 3448439, "São Paulo")
                .dbIpLite("81.2.69.0/24", "GB", "England", "London")
                .writeTo(dir.resolve("city.mmdb"));
        Map<String, String> config = TestInfra.freshConfig();
        config.put("FOOTFALL_ADMIN_TOKEN", ADMIN);
        config.put("FOOTFALL_TRUSTED_PROXIES", "127.0.0.1/32,::1");
        config.put("FOOTFALL_GEOIP_DB", mmdb.toString());
        server = RunningServer.start(config);
        admin = new ApiClient(server, ADMIN);
        visit(1, "193.99.144.10");
        visit(2, "193.99.144.11");
        visit(3, "193.99.145.7");
        visit(4, "200.160.2.3");
        visit(5, "81.2.69.160");
        visit(6, "10.1.2.3");
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** One visitor (own user agent) from {@code address}, whose browser says Tokyo. */
    static void visit(int visitor, String address) {
        String body = "{\"n\":\"pageview\",\"u\":\"https://" + SITE + "/\",\"d\":\"" + SITE + "\",\"tz\":\"Asia/Tokyo\"}";
        HttpResponse<String> res = server.post("/api/event", body, "User-Agent", ReadApiTest.FIREFOX + " v" + visitor,
                "X-Forwarded-For", address);
        assertEquals(202, res.statusCode(), res.body());
    }

    @Test
    void regionsWithTheirNamesFromRollups() {
        HttpResponse<String> res = get("property=visit:region&metrics=visitors,visits");
        assertEquals("rollup", source(res));
        List<Map<String, Object>> rows = rows(res);
        assertEquals(List.of("DE-BY", "BR-SP", "GB-England"), rows.stream().map(r -> r.get("region")).toList(),
                "the unknown region of the private address is no row");
        assertEquals(3, ((Number) rows.getFirst().get("visitors")).intValue());
        assertEquals(Map.of("DE-BY", "Bavaria", "BR-SP", "São Paulo", "GB-England", "England"), names(rows, "region"));
    }

    @Test
    void citiesAreGeoNamesIdsWithTheirNames() {
        List<Map<String, Object>> rows = rows(get("property=visit:city&metrics=visitors"));
        assertEquals(2867714L, ((Number) rows.getFirst().get("city")).longValue());
        assertEquals("Munich", rows.getFirst().get("city_name"));
        assertEquals(2, ((Number) rows.getFirst().get("visitors")).intValue());
        Map<String, String> names = names(rows, "city");
        assertEquals(Map.of("2867714", "Munich", "2861650", "Nuremberg", "3448439", "São Paulo", "GB-England/London", "London"), names,
                "DB-IP Lite has no GeoNames id: its city is keyed by region and name");
    }

    @Test
    void csvHasTheNameColumn() {
        HttpResponse<String> res = admin.get("/api/v1/stats/breakdown?site_id=" + SITE + "&period=day&property=visit:region&metrics=visitors",
                "Accept", "text/csv");
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("region,region_name,visitors\r\nDE-BY,Bavaria,3\r\n", res.body().substring(0, res.body().indexOf("BR-SP")));
    }

    @Test
    void aCityFilterReadsItsRollup() {
        HttpResponse<String> res = admin.get("/api/v1/stats/aggregate?site_id=" + SITE + "&period=day&metrics=visitors"
                + "&filters=" + enc("visit:city==2867714"));
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("rollup", source(res));
        Map<String, Map<String, Map<String, Object>>> body = admin.parse(res.body(), new TypeReference<>() { });
        assertEquals(2, ((Number) body.get("results").get("visitors").get("value")).intValue());
    }

    @Test
    void citiesOfOneRegion() {
        List<Map<String, Object>> rows = rows(get("property=visit:city&metrics=visitors&filters=" + enc("visit:region==DE-BY")));
        assertEquals(Map.of("2867714", "Munich", "2861650", "Nuremberg"), names(rows, "city"));
        List<Map<String, Object>> countries = rows(get("property=visit:country&metrics=visitors&filters=" + enc("visit:region==DE-BY")));
        assertEquals(List.of("DE"), countries.stream().map(r -> r.get("country")).toList());
    }

    /** The Locations panel's drill-down: a country's regions and cities come from pair rollups. */
    @Test
    void regionsAndCitiesOfOneCountryFromPairRollups() {
        HttpResponse<String> regions = get("property=visit:region&metrics=visitors,visits,bounce_rate&filters=" + enc("visit:country==DE"));
        assertEquals("rollup", source(regions));
        assertEquals(Map.of("DE-BY", "Bavaria"), names(rows(regions), "region"));
        HttpResponse<String> cities = get("property=visit:city&metrics=visitors&filters=" + enc("visit:country==DE"));
        assertEquals("rollup", source(cities));
        assertEquals(Map.of("2867714", "Munich", "2861650", "Nuremberg"), names(rows(cities), "city"));
        HttpResponse<String> byRegion = get("property=visit:city&metrics=visitors&filters=" + enc("visit:region==DE-BY"));
        assertEquals("raw", source(byRegion), "no pair rows within a region");
    }

    @Test
    void anAddressTheDatabaseDoesNotKnowHasACountryFromItsZoneButNoPlace() {
        List<Map<String, Object>> rows = rows(get("property=visit:region&metrics=visitors&filters=" + enc("visit:country==JP")));
        assertTrue(rows.isEmpty(), rows.toString());
    }

    /** Only the codes and names reach the database: no address is in any column of the visit's rows. */
    @Test
    void noAddressIsStored() {
        Map<String, Object> visit = server.row("SELECT v.* FROM visits v JOIN dim_cities c ON c.id = v.city_id WHERE c.value = ?", "2861650");
        assertTrue(visit.values().stream().noneMatch(v -> String.valueOf(v).contains("193.99")), visit.toString());
    }

    @Test
    void importLinesCarryRegionAndCity() {
        // Yesterday, so the reports of today in the other tests see the live visits alone.
        long ts = System.currentTimeMillis() - 36 * 3_600_000L;
        String line = "{\"domain\":\"" + SITE + "\",\"timestamp\":" + ts + ",\"url\":\"https://" + SITE + "/imported\",\"visitor\":\"i1\","
                + "\"browser\":\"Firefox\",\"os\":\"Linux\",\"device\":\"Desktop\",\"region\":\"fr-idf\",\"region_name\":\"Île-de-France\","
                + "\"city\":2988507,\"city_name\":\"Paris\"}\n";
        HttpResponse<String> res = admin.send("POST", "/api/v1/import/events", line, "Content-Type", "application/x-ndjson");
        assertEquals(200, res.statusCode(), res.body());
        HttpResponse<String> paris = admin.get("/api/v1/stats/breakdown?site_id=" + SITE + "&period=7d&property=visit:city&metrics=visitors"
                + "&filters=" + enc("visit:country==FR"));
        List<Map<String, Object>> rows = rows(paris);
        assertEquals(Map.of("2988507", "Paris"), names(rows, "city"), "the country comes from the region code");
        String nameless = line.replace(",\"region_name\":\"Île-de-France\"", "").replace("\"city\":2988507", "\"city\":2995469")
                .replace("\"city_name\":\"Paris\"", "\"visitor\":\"i2\"").replace("\"visitor\":\"i1\",", "");
        assertEquals(200, admin.send("POST", "/api/v1/import/events", nameless, "Content-Type", "application/x-ndjson").statusCode());
        assertEquals(200, admin.send("POST", "/api/v1/import/events", nameless.replace("\"visitor\":\"i2\"",
                "\"city_name\":\"Marseille\",\"visitor\":\"i3\""), "Content-Type", "application/x-ndjson").statusCode());
        assertEquals("Marseille", server.row("SELECT name FROM dim_cities WHERE value = ?", "2995469").get("name"),
                "a city first stored without its name takes the next one given");
        HttpResponse<String> elsewhere = admin.send("POST", "/api/v1/import/events",
                line.replace("\"visitor\"", "\"country\":\"DE\",\"visitor\""), "Content-Type", "application/x-ndjson");
        assertEquals(400, elsewhere.statusCode(), elsewhere.body());
        assertEquals("region", admin.object(elsewhere.body()).get("field"), "a region of another country is refused");
    }

    @Test
    void aMalformedRegionFilterValueMatchesNothing() {
        assertTrue(rows(get("property=visit:city&metrics=visitors&filters=" + enc("visit:region==XX-NOPE"))).isEmpty());
    }

    private static HttpResponse<String> get(String query) {
        HttpResponse<String> res = admin.get("/api/v1/stats/breakdown?site_id=" + SITE + "&period=day&" + query);
        assertEquals(200, res.statusCode(), res.body());
        return res;
    }

    private static String source(HttpResponse<String> res) {
        return res.headers().firstValue("X-Footfall-Source").orElse("");
    }

    private static List<Map<String, Object>> rows(HttpResponse<String> res) {
        Map<String, List<Map<String, Object>>> parsed = admin.parse(res.body(), new TypeReference<>() { });
        return parsed.get("results");
    }

    private static Map<String, String> names(List<Map<String, Object>> rows, String key) {
        Map<String, String> names = new LinkedHashMap<>();
        rows.forEach(r -> names.put(String.valueOf(r.get(key)), (String) r.get(key + "_name")));
        return names;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
