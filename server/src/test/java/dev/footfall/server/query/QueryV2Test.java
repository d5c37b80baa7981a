package dev.footfall.server.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.server.ApiClient;
import dev.footfall.server.RunningServer;
import dev.footfall.server.site.Site;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /api/v2/query} through the real server, written from Plausible's v2 docs: the
 * answer's shape and echo, every filter operator with and without {@code case_sensitive}, {@code
 * and}/{@code or}/{@code not}, {@code has_done}/{@code has_not_done}, ordering, pagination, {@code total_rows}, {@code time_labels} and
 * every validation error, on a site with today's four hand-counted events; and {@link QueryV2Random}
 * checks random queries on random traffic against {@link RawTruth}'s brute force.
 */
class QueryV2Test {
    static final String TOKEN = "v2-admin-token";
    static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:145.0) Gecko/20100101 Firefox/145.0";
    static final ObjectMapper JSON = new ObjectMapper();
    static RunningServer server;
    static ApiClient api;
    static String today;
    static final List<Site> randomSites = new java.util.ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.startWithAdminToken(TOKEN);
        api = new ApiClient(server, TOKEN);
        server.footfall().sites().create("fixed.test", ZoneOffset.UTC, false);
        for (String event : List.of("{\"n\":\"pageview\",\"u\":\"https://fixed.test/\"", "{\"n\":\"pageview\",\"u\":\"https://fixed.test/pricing\"",
                "{\"n\":\"pageview\",\"u\":\"https://fixed.test/pricing\"", "{\"n\":\"Signup\",\"u\":\"https://fixed.test/pricing\",\"p\":{\"plan\":\"Pro\"}")) {
            assertEquals(202, server.post("/api/event", event + ",\"d\":\"fixed.test\"}", "User-Agent", FIREFOX).statusCode());
        }
        today = LocalDate.now(ZoneOffset.UTC).toString();
        ZoneId[] zones = RandomTraffic.zones();
        for (int i = 0; i < 2; i++) {
            randomSites.add(RandomTraffic.site(server.footfall(), "random" + i + ".test", zones[i], 7 + i, QueryV2Random.FIRST, QueryV2Random.LAST, 12));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> post(String body) {
        return api.send("POST", "/api/v2/query", body, "Content-Type", "application/json");
    }

    static Map<String, Object> answer(String body) {
        HttpResponse<String> res = post(body);
        assertEquals(200, res.statusCode(), body + " → " + res.body());
        return api.object(res.body());
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> results(Map<String, Object> answer) {
        return (List<Map<String, Object>>) answer.get("results");
    }

    /** The one row's metrics of a query on today's hand-made events. */
    static List<Object> metrics(String metrics, String rest) {
        List<Map<String, Object>> rows = results(answer("{\"site_id\":\"fixed.test\",\"date_range\":\"day\",\"metrics\":" + metrics + rest + "}"));
        return rows.isEmpty() ? List.of() : numbers(rows.getFirst().get("metrics"));
    }

    @SuppressWarnings("unchecked")
    static List<Object> numbers(Object metrics) {
        return ((List<Object>) metrics).stream().map(m -> m instanceof Number n ? (Object) n.doubleValue() : m).toList();
    }

    @Test
    void aggregateHasPlausiblesShapeAndEchoesTheResolvedQuery() {
        Map<String, Object> answer = answer("{\"site_id\":\"fixed.test\",\"metrics\":[\"visitors\",\"visits\",\"pageviews\",\"events\","
                + "\"bounce_rate\",\"views_per_visit\"],\"date_range\":\"day\"}");
        assertEquals(List.of(Map.of("metrics", List.of(1, 1, 3, 4, 0, 3.0), "dimensions", List.of())), answer.get("results"));
        assertEquals(Map.of(), answer.get("meta"));
        assertEquals(Map.of("site_id", "fixed.test", "metrics", List.of("visitors", "visits", "pageviews", "events", "bounce_rate", "views_per_visit"),
                "date_range", List.of(today + "T00:00:00+00:00", today + "T23:59:59+00:00"), "filters", List.of(), "dimensions", List.of(),
                "order_by", List.of(List.of("visitors", "desc")), "include", Map.of(), "pagination", Map.of("offset", 0, "limit", 10_000)),
                answer.get("query"));
    }

    @Test
    void breakdownsSortByTheFirstMetricThenByValue() {
        Map<String, Object> answer = answer("{\"site_id\":\"fixed.test\",\"metrics\":[\"pageviews\",\"visitors\",\"percentage\"],"
                + "\"date_range\":\"day\",\"dimensions\":[\"event:page\"]}");
        assertEquals(List.of(Map.of("metrics", List.of(2, 1, 100.0), "dimensions", List.of("/pricing")),
                Map.of("metrics", List.of(1, 1, 100.0), "dimensions", List.of("/"))), answer.get("results"));
        Map<String, Object> names = answer("{\"site_id\":\"fixed.test\",\"metrics\":[\"events\",\"time_on_page\"],\"date_range\":\"day\","
                + "\"dimensions\":[\"event:name\",\"event:page\"],\"order_by\":[[\"event:name\",\"asc\"]]}");
        assertEquals(List.of(Map.of("metrics", java.util.Arrays.asList(1, null), "dimensions", List.of("Signup", "/pricing")),
                Map.of("metrics", java.util.Arrays.asList(1, null), "dimensions", List.of("pageview", "/")),
                Map.of("metrics", java.util.Arrays.asList(2, null), "dimensions", List.of("pageview", "/pricing"))), names.get("results"));
        @SuppressWarnings("unchecked")
        Map<String, Object> warnings = (Map<String, Object>) ((Map<String, Object>) names.get("meta")).get("metric_warnings");
        assertTrue(warnings.containsKey("time_on_page"), names.toString());
    }

    record Case(String filters, String metric, double expected) {
        @Override
        public String toString() {
            return filters + " → " + metric + " " + expected;
        }
    }

    static Stream<Case> operators() {
        return Stream.of(
                new Case("[[\"is\",\"event:page\",[\"/pricing\"]]]", "pageviews", 2),
                new Case("[[\"is\",\"event:page\",[\"/pricing\",\"/\"]]]", "pageviews", 3),
                new Case("[[\"is\",\"event:page\",[\"/PRICING\"]]]", "pageviews", 0),
                new Case("[[\"is\",\"event:page\",[\"/PRICING\"],{\"case_sensitive\":false}]]", "pageviews", 2),
                new Case("[[\"is_not\",\"event:page\",[\"/pricing\"]]]", "pageviews", 1),
                new Case("[[\"contains\",\"event:page\",[\"pric\"]]]", "pageviews", 2),
                new Case("[[\"contains\",\"event:page\",[\"PRIC\"]]]", "pageviews", 0),
                new Case("[[\"contains\",\"event:page\",[\"PRIC\"],{\"case_sensitive\":false}]]", "pageviews", 2),
                new Case("[[\"contains_not\",\"event:page\",[\"pric\",\"nothing\"]]]", "pageviews", 1),
                new Case("[[\"matches\",\"event:page\",[\"^/$\"]]]", "pageviews", 1),
                new Case("[[\"matches\",\"event:page\",[\"^/P\"]]]", "pageviews", 0),
                new Case("[[\"matches\",\"event:page\",[\"^/P\"],{\"case_sensitive\":false}]]", "pageviews", 2),
                new Case("[[\"matches_not\",\"event:page\",[\"^/$\"]]]", "pageviews", 2),
                new Case("[[\"is\",\"visit:browser\",[\"Firefox\"]]]", "visits", 1),
                new Case("[[\"is_not\",\"visit:browser\",[\"Firefox\"]]]", "visits", 0),
                new Case("[[\"is\",\"event:props:plan\",[\"Pro\"]]]", "events", 1),
                new Case("[[\"is\",\"event:props:plan\",[\"pro\"],{\"case_sensitive\":false}]]", "events", 1),
                new Case("[[\"is\",\"event:props:plan\",[\"pro\"]]]", "events", 0),
                new Case("[[\"is_not\",\"event:props:plan\",[\"Free\"]]]", "events", 1),
                new Case("[[\"matches\",\"event:props:plan\",[\"^P\"]]]", "events", 1),
                new Case("[[\"is\",\"event:name\",[\"Signup\"]]]", "visits", 1),
                new Case("[[\"not\",[\"is\",\"event:page\",[\"/\"]]]]", "events", 3),
                new Case("[[\"or\",[[\"is\",\"event:page\",[\"/\"]],[\"is\",\"event:name\",[\"Signup\"]]]]]", "events", 2),
                new Case("[[\"and\",[[\"is\",\"visit:browser\",[\"Firefox\"]],[\"contains\",\"event:page\",[\"/\"]]]]]", "pageviews", 3),
                new Case("[[\"not\",[\"or\",[[\"is\",\"visit:browser\",[\"Chrome\"]],[\"is\",\"event:page\",[\"/\"]]]]]]", "pageviews", 2),
                new Case("[[\"is\",\"event:page\",[\"'; DROP TABLE events; --\"]]]", "pageviews", 0),
                new Case("[[\"contains\",\"event:page\",[\"%\",\"_\"]]]", "pageviews", 0),
                new Case("[[\"contains\",\"event:props:plan\",[\"'\\\\\\\"\"]]]", "events", 0),
                new Case("[[\"has_done\",[\"is\",\"event:name\",[\"Signup\"]]]]", "pageviews", 3),
                new Case("[[\"has_not_done\",[\"is\",\"event:name\",[\"Signup\"]]]]", "pageviews", 0),
                new Case("[[\"is\",\"event:page\",[\"/\"]],[\"has_done\",[\"is\",\"event:name\",[\"Signup\"]]]]", "pageviews", 1),
                new Case("[[\"has_done\",[\"is\",\"event:page\",[\"/nowhere\"]]]]", "visits", 0),
                new Case("[[\"has_not_done\",[\"is\",\"event:page\",[\"/nowhere\"]]]]", "visits", 1),
                new Case("[[\"is_not\",\"visit:country\",[\"ZZ\"]],[\"contains\",\"event:page\",[\"pricing\"]]]", "pageviews", 2));
    }

    @ParameterizedTest
    @MethodSource("operators")
    void everyOperatorMatchesAsDocumented(Case c) {
        List<Object> row = metrics("[\"" + c.metric() + "\"]", ",\"filters\":" + c.filters());
        assertEquals(c.expected(), row.isEmpty() ? 0.0 : row.getFirst(), c.toString());
    }

    @Test
    void paginationSlicesTheOrderedRowsAndCountsThemAll() {
        String base = "{\"site_id\":\"random0.test\",\"metrics\":[\"visitors\",\"pageviews\"],\"date_range\":[\"2025-10-20\",\"2025-10-29\"],"
                + "\"dimensions\":[\"visit:browser\",\"event:page\"],\"order_by\":[[\"visit:browser\",\"asc\"],[\"pageviews\",\"desc\"]],"
                + "\"include\":{\"total_rows\":true}";
        Map<String, Object> all = answer(base + "}");
        Map<String, Object> page = answer(base + ",\"pagination\":{\"limit\":5,\"offset\":3}}");
        List<Map<String, Object>> rows = results(all);
        assertEquals(rows.subList(3, 8), results(page));
        assertEquals(rows.size(), ((Map<?, ?>) page.get("meta")).get("total_rows"));
        for (int i = 1; i < rows.size(); i++) {
            String a = (String) ((List<?>) rows.get(i - 1).get("dimensions")).getFirst();
            String b = (String) ((List<?>) rows.get(i).get("dimensions")).getFirst();
            assertTrue(a.compareTo(b) <= 0, "sorted by browser: " + rows);
        }
    }

    @Test
    void timeLabelsListEveryBucketOfTheRange() {
        Map<String, Object> hours = answer("{\"site_id\":\"fixed.test\",\"metrics\":[\"visitors\"],\"date_range\":\"day\","
                + "\"dimensions\":[\"time:hour\"],\"include\":{\"time_labels\":true}}");
        List<?> labels = (List<?>) ((Map<?, ?>) hours.get("meta")).get("time_labels");
        assertEquals(24, labels.size());
        assertEquals(today + " 00:00:00", labels.getFirst());
        results(hours).forEach(r -> assertTrue(labels.contains(((List<?>) r.get("dimensions")).getFirst()), r.toString()));
        Map<String, Object> week = answer("{\"site_id\":\"random0.test\",\"metrics\":[\"visitors\"],\"date_range\":[\"2025-10-20\",\"2025-10-29\"],"
                + "\"dimensions\":[\"time\"],\"include\":{\"time_labels\":true}}");
        assertEquals(java.util.stream.IntStream.rangeClosed(20, 29).mapToObj(d -> "2025-10-" + d).toList(),
                ((Map<?, ?>) week.get("meta")).get("time_labels"));
        assertEquals(List.of(List.of("time", "asc"), List.of("visitors", "desc")), ((Map<?, ?>) week.get("query")).get("order_by"));
    }

    @Test
    void singleDimensionQueriesAnswerFromRollupsAsV1Does() {
        HttpResponse<String> v2 = post("{\"site_id\":\"random0.test\",\"metrics\":[\"visitors\",\"bounce_rate\"],"
                + "\"date_range\":[\"2025-10-20\",\"2025-10-29\"],\"dimensions\":[\"visit:source\"]}");
        assertEquals("rollup", v2.headers().firstValue("X-Footfall-Source").orElseThrow());
        List<Map<String, Object>> v1 = api.parse(api.get("/api/v1/stats/breakdown?site_id=random0.test&period=custom&date=2025-10-20,2025-10-29"
                + "&property=visit:source&metrics=visitors,bounce_rate").body(), new TypeReference<Map<String, List<Map<String, Object>>>>() { })
                .get("results");
        assertEquals(v1.stream().map(r -> Map.of("metrics", List.of(r.get("visitors"), r.get("bounce_rate")), "dimensions", List.of(r.get("source"))))
                .toList(), results(api.object(v2.body())));
        HttpResponse<String> raw = post("{\"site_id\":\"random0.test\",\"metrics\":[\"visitors\"],\"date_range\":[\"2025-10-20\",\"2025-10-29\"],"
                + "\"dimensions\":[\"visit:source\"],\"filters\":[[\"is_not\",\"visit:browser\",[\"Chrome\"]]]}");
        assertEquals("raw", raw.headers().firstValue("X-Footfall-Source").orElseThrow());
    }

    /** The same rows whichever path answers: a filter that holds for every event moves a rollup query to raw rows. */
    @ParameterizedTest
    @MethodSource("rollupQueries")
    void rollupAndRawAnswersAreIdentical(String dimensionAndMetrics) {
        String base = "{\"site_id\":\"random1.test\",\"date_range\":[\"2025-10-19\",\"2025-10-30\"]," + dimensionAndMetrics;
        HttpResponse<String> rollup = post(base + "}");
        HttpResponse<String> raw = post(base + ",\"filters\":[[\"is_not\",\"visit:browser\",[\"No such browser\"]]]}");
        assertEquals("rollup", rollup.headers().firstValue("X-Footfall-Source").orElseThrow(), rollup.body());
        assertEquals("raw", raw.headers().firstValue("X-Footfall-Source").orElseThrow());
        assertEquals(results(api.object(rollup.body())), results(api.object(raw.body())));
    }

    static Stream<String> rollupQueries() {
        String all = "\"metrics\":[\"visitors\",\"visits\",\"pageviews\",\"bounce_rate\",\"visit_duration\",\"events\",\"time_on_page\"]";
        String events = "\"metrics\":[\"visitors\",\"pageviews\",\"events\",\"percentage\"]";
        return Stream.of(all.replace("\"visits\",", "\"visits\",\"views_per_visit\","), all + ",\"dimensions\":[\"visit:source\"]",
                all + ",\"dimensions\":[\"visit:country\"]", all + ",\"dimensions\":[\"time:day\"]", all + ",\"dimensions\":[\"time:hour\"]",
                all + ",\"dimensions\":[\"time:week\"]", events + ",\"dimensions\":[\"event:page\"]",
                events + ",\"dimensions\":[\"event:props:plan\"]", events + ",\"dimensions\":[\"event:name\"]");
    }

    @Test
    void randomQueriesEqualBruteForce() throws Exception {
        QueryV2Random random = new QueryV2Random(server, api);
        List<String> failures = new java.util.ArrayList<>();
        for (Site site : randomSites) {
            failures.addAll(random.check(site, 120, 1234L + site.id()));
        }
        assertTrue(failures.isEmpty(), failures.size() + " mismatches, first ones:\n" + String.join("\n", failures.stream().limit(10).toList()));
    }

    record Bad(String body, String field, String message) {
        @Override
        public String toString() {
            return body;
        }
    }

    static Stream<Bad> badQueries() {
        String q = "{\"site_id\":\"fixed.test\",\"date_range\":\"day\",";
        return Stream.of(
                new Bad("not json", "body", "malformed JSON"),
                new Bad("[1]", "body", "JSON object"),
                new Bad("{\"metrics\":[\"visitors\"],\"date_range\":\"day\"}", "site_id", "site_id"),
                new Bad("{\"site_id\":\"nowhere.test\",\"metrics\":[\"visitors\"],\"date_range\":\"day\"}", "site_id", "site"),
                new Bad(q + "\"metrics\":[\"visitors\",\"clicks\"]}", "metrics", "#/metrics/1: Invalid metric \"clicks\""),
                new Bad(q + "\"metrics\":[]}", "metrics", "minimum of 1"),
                new Bad(q + "\"metrics\":[\"visitors\"],\"dimensions\":[\"event:goal\"]}", "dimensions", "event:goal is not supported"),
                new Bad(q + "\"metrics\":[\"visitors\",\"visitors\"]}", "metrics", "multiple times"),
                new Bad("{\"site_id\":\"fixed.test\",\"metrics\":[\"visitors\"],\"date_range\":\"fortnight\"}", "date_range", "Invalid date range"),
                new Bad("{\"site_id\":\"fixed.test\",\"metrics\":[\"visitors\"],\"date_range\":[\"2025-10-09\",\"2025-10-01\"]}", "date_range", "Invalid date range"),
                new Bad("{\"site_id\":\"fixed.test\",\"metrics\":[\"visitors\"],\"date_range\":[\"2025-13-01\",\"2025-13-02\"]}", "date_range", "Invalid date range"),
                new Bad(q + "\"metrics\":[\"visitors\"],\"dimensions\":[\"visit:planet\"]}", "dimensions", "#/dimensions/0: Invalid dimension \"visit:planet\""),
                new Bad(q + "\"metrics\":[\"visitors\"],\"dimensions\":[\"time:day\",\"time:hour\"]}", "dimensions", "one time dimension"),
                new Bad(q + "\"metrics\":[\"visitors\"],\"dimensions\":[\"event:props:a\\\"b\"]}", "dimensions", "Invalid dimension"),
                new Bad("{\"site_id\":\"fixed.test\",\"date_range\":\"year\",\"metrics\":[\"visitors\"],\"dimensions\":[\"time:hour\"]}", "dimensions", "time:hour"),
                new Bad(q + "\"metrics\":[\"bounce_rate\"],\"dimensions\":[\"event:page\"]}", "metrics", "Session metric(s) `bounce_rate`"),
                new Bad(q + "\"metrics\":[\"visit_duration\",\"visits\"],\"dimensions\":[\"event:props:plan\"]}", "metrics", "event dimension"),
                new Bad(q + "\"metrics\":[\"views_per_visit\"],\"dimensions\":[\"visit:source\"]}", "metrics", "`views_per_visit` cannot be queried with `dimensions`"),
                new Bad(q + "\"metrics\":[\"percentage\"]}", "metrics", "`percentage`"),
                new Bad(q + "\"metrics\":[\"visitors\"],\"filters\":[[\"equals\",\"event:page\",[\"/\"]]]}", "filters", "Invalid filter operator \"equals\""),
                new Bad(q + "\"metrics\":[\"visitors\"],\"filters\":[[\"is\",\"event:planet\",[\"/\"]]]}", "filters", "Invalid filter dimension"),
                new Bad(q + "\"metrics\":[\"visitors\"],\"filters\":[[\"is\",\"event:page\",[]]]}", "filters", "non-empty"),
                new Bad(q + "\"metrics\":[\"visitors\"],\"filters\":[[\"is\",\"time\",[\"2025-10-01\"]]]}", "filters", "date_range"),
                new Bad(q + "\"metrics\":[\"visitors\"],\"filters\":[[\"matches\",\"event:page\",[\"(\"]]]}", "filters", "regular expression"),
                new Bad(q + "\"metrics\":[\"visitors\"],\"filters\":[[\"is\",\"event:page\",[\"/\"],{\"case\":1}]]}", "filters", "case_sensitive"),
                new Bad(q + "\"metrics\":[\"visitors\"],\"filters\":[[\"and\",[]]]}", "filters", "non-empty list"),
                new Bad(q + "\"metrics\":[\"visitors\"],\"filters\":[[\"not\",[\"is\",\"event:page\",[\"/\"]],1]]}", "filters", "`not`"),
                new Bad(q + "\"metrics\":[\"visitors\"],\"filters\":\"event:page==/\"}", "filters", "array"),
                new Bad(q + "\"metrics\":[\"visitors\"],\"filters\":[[\"has_done\"]]}", "filters", "`has_done` takes one filter"),
                new Bad(q + "\"metrics\":[\"visitors\"],\"order_by\":[[\"pageviews\",\"desc\"]]}", "order_by", "`pageviews`"),
                new Bad(q + "\"metrics\":[\"visitors\"],\"order_by\":[[\"visitors\",\"up\"]]}", "order_by", "Invalid order_by"),
                new Bad(q + "\"metrics\":[\"visitors\"],\"include\":{\"time_labels\":true}}", "include", "time dimension"),
                new Bad(q + "\"metrics\":[\"visitors\"],\"include\":{\"imports\":1}}", "include", "include"),
                new Bad(q + "\"metrics\":[\"visitors\"],\"pagination\":{\"limit\":0}}", "pagination", "limit"),
                new Bad(q + "\"metrics\":[\"visitors\"],\"pagination\":{\"offset\":-1}}", "pagination", "offset"),
                new Bad(q + "\"metrics\":[\"visitors\"],\"pagination\":{\"limit\":\"ten\"}}", "pagination", "limit"),
                new Bad(q + "\"metrics\":[\"visitors\"],\"interval\":\"day\"}", "interval", "Unknown key"));
    }

    @ParameterizedTest
    @MethodSource("badQueries")
    void badQueriesAre400NamingThePart(Bad c) {
        HttpResponse<String> res = post(c.body());
        assertEquals(400, res.statusCode(), res.body());
        Map<String, Object> error = api.object(res.body());
        assertEquals(c.field(), error.get("field"), res.body());
        assertTrue(((String) error.get("error")).contains(c.message()), res.body());
    }

    @Test
    void tokensAreCheckedAsForV1() {
        assertEquals(401, new ApiClient(server, null).send("POST", "/api/v2/query", "{}").statusCode());
        assertEquals(401, new ApiClient(server, "nope").send("POST", "/api/v2/query", "{}").statusCode());
        assertNull(api.object(post("{\"site_id\":\"fixed.test\",\"metrics\":[\"visitors\"],\"date_range\":\"7d\"}").body()).get("error"));
    }
}
