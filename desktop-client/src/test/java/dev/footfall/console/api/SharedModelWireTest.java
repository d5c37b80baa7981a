package dev.footfall.console.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.console.TestServer;
import dev.footfall.model.WireJson;
import dev.footfall.model.stats.Filter;
import dev.footfall.model.stats.Metric;
import dev.footfall.model.stats.MetricValue;
import dev.footfall.model.stats.Period;
import dev.footfall.model.stats.StatsQuery;
import dev.footfall.model.v2.Query;
import dev.footfall.model.v2.QueryDateRange;
import dev.footfall.model.v2.QueryResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code shared-model}'s wire types against the real server's JSON: a v2 answer read into
 * {@link QueryResult} holds what the server wrote, its echoed {@code query} is a {@link Query} the
 * server takes again, and a v1 query the console builds is one the server reads.
 */
class SharedModelWireTest {
    private static final ObjectMapper JSON = WireJson.mapper();
    private static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.withStatsApi();
    }

    @Test
    void aV2AnswerReadsIntoSharedModelAndItsEchoedQueryRunsAgain() throws Exception {
        LocalDate today = TestServer.today();
        String body = """
                {"site_id": "%s", "metrics": ["visitors", "pageviews", "time_on_page"], "date_range": ["%s", "%s"],
                 "dimensions": ["event:name", "time:day"],
                 "filters": [["is_not", "visit:browser", ["Safari"]], ["or", [["contains", "event:page", ["PRIC"], {"case_sensitive": false}],
                             ["is", "visit:country", ["US"]]]]],
                 "order_by": [["visitors", "desc"]], "include": {"total_rows": true, "time_labels": true},
                 "pagination": {"limit": 10, "offset": 0}}""".formatted(TestServer.SITE, today.minusDays(6), today);
        JsonNode raw = JSON.readTree(post(body));
        QueryResult answer = JSON.treeToValue(raw, QueryResult.class);

        assertEquals(raw.get("results"), JSON.valueToTree(answer.results()));
        assertEquals(raw.get("meta"), JSON.valueToTree(answer.meta()));
        assertEquals(withoutEmpty(raw.get("query")), JSON.valueToTree(answer.query()));
        assertTrue(answer.query().dateRange() instanceof QueryDateRange.Instants);
        assertEquals(7, answer.meta().timeLabels().size());
        assertTrue(answer.meta().metricWarnings().containsKey("time_on_page"));
        // u1's /pricing (Firefox) and u2's (Chrome), u3's and u4's visits in the US: pageviews on three days.
        assertFalse(answer.results().isEmpty());
        assertEquals(answer.meta().totalRows(), answer.results().size());

        QueryResult again = FootfallClient.create(server.url(), TestServer.TOKEN).query(answer.query());
        assertEquals(answer.results(), again.results());
    }

    @Test
    void aMalformedV2QueryIsTheServersFourHundredNamingThePart() {
        Query bad = Query.of(TestServer.SITE, List.of("clicks"), new QueryDateRange.Named("7d"));
        ApiException e = assertThrows(ApiException.class, () -> FootfallClient.create(server.url(), TestServer.TOKEN).query(bad));
        assertEquals(Problem.BAD_REQUEST, e.problem());
        assertTrue(e.getMessage().contains("#/metrics/0: Invalid metric \"clicks\""), e.getMessage());
    }

    @Test
    void theConsolesV1QueryIsTheOneTheServerReads() {
        StatsQuery q = StatsQuery.of(TestServer.SITE, Period.DAYS_7, Optional.empty())
                .withMetrics(List.of(Metric.VISITORS, Metric.PAGEVIEWS, Metric.TIME_ON_PAGE))
                .withFilters(Filter.parseAll("visit:browser!=Chrome;event:page~o")).withCompare(true);
        Map<Metric, MetricValue> values = FootfallClient.create(server.url(), TestServer.TOKEN).aggregate(q);
        assertEquals(2, ((Number) values.get(Metric.VISITORS).value()).intValue());
        assertEquals(2, ((Number) values.get(Metric.PAGEVIEWS).value()).intValue());
        assertTrue(values.containsKey(Metric.TIME_ON_PAGE));
    }

    /** The server's echo with its empty lists and objects left out, as {@link Query} writes itself. */
    private static JsonNode withoutEmpty(JsonNode query) {
        ObjectNode copy = query.deepCopy();
        copy.properties().removeIf(e -> e.getValue().isContainerNode() && e.getValue().isEmpty());
        return copy;
    }

    private static String post(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "/api/v2/query"))
                .header("Authorization", "Bearer " + TestServer.TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }
}
