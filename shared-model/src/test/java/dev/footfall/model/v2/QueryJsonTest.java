package dev.footfall.model.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.model.InvalidFieldException;
import dev.footfall.model.WireJson;
import dev.footfall.model.stats.Filter;
import dev.footfall.model.stats.Property;
import dev.footfall.model.stats.PropertyKind;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The v2 wire types read Plausible's query JSON and write it back unchanged; bad filters name {@code filters}. */
class QueryJsonTest {
    private final ObjectMapper json = WireJson.mapper();

    @Test
    void aQueryFromPlausiblesDocumentationRoundTrips() throws Exception {
        String body = """
                {"site_id": "dummy.site", "metrics": ["visitors", "pageviews", "bounce_rate"], "date_range": ["2024-01-01", "2024-07-01"],
                 "dimensions": ["visit:country_name", "time:month"],
                 "filters": [["and", [["is_not", "visit:browser", ["Chrome"]], ["contains", "event:page", ["/blog"], {"case_sensitive": false}]]],
                             ["not", ["is", "event:hostname", ["a.example"]]], ["has_done", ["is", "event:name", ["Signup"]]]],
                 "order_by": [["visitors", "desc"]], "include": {"total_rows": true}, "pagination": {"limit": 5, "offset": 10}}""";
        Query q = json.readValue(body, Query.class);
        assertEquals(new QueryDateRange.Dates(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 7, 1)), q.dateRange());
        QueryFilter.And and = (QueryFilter.And) q.filters().getFirst();
        assertEquals(new QueryFilter.Condition(QueryFilter.Op.CONTAINS, Property.of(PropertyKind.PAGE), List.of("/blog"), false), and.all().get(1));
        assertEquals(Property.of(PropertyKind.HOSTNAME), ((QueryFilter.Condition) ((QueryFilter.Not) q.filters().get(1)).negated()).dimension());
        assertEquals(json.readTree(body), json.readTree(json.writeValueAsString(q)));
    }

    @Test
    void theServersEchoedRangeReadsAsDateTimes() throws Exception {
        Query q = json.readValue("{\"site_id\":\"s\",\"metrics\":[\"visitors\"],\"date_range\":[\"2026-11-01T00:00:00+01:00\",\"2026-11-30T23:59:59+01:00\"]}",
                Query.class);
        assertTrue(q.dateRange() instanceof QueryDateRange.Instants);
        assertEquals("[\"2026-11-01T00:00:00+01:00\",\"2026-11-30T23:59:59+01:00\"]", json.writeValueAsString(q.dateRange()));
        assertEquals("{\"site_id\":\"s\",\"metrics\":[\"visitors\"],\"date_range\":\"7d\"}",
                json.writeValueAsString(Query.of("s", List.of("visitors"), new QueryDateRange.Named("7d"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[[\"equals\", \"event:page\", [\"/\"]]]", "[[\"is\", \"visit:colour\", [\"red\"]]]", "[[\"is\", \"event:page\", []]]",
            "[[\"and\", []]]", "[[\"is\", \"event:page\", [\"/\"], {\"case\": 1}]]", "[[\"not\"]]", "{\"is\": 1}"})
    void aMalformedFilterNamesFilters(String filters) {
        JsonNode node = readTree(filters);
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> QueryFilter.parseAll(node, "#/filters"));
        assertEquals("filters", e.field());
        assertTrue(e.reason().startsWith("#/filters"), e.reason());
    }

    @Test
    void v1FiltersAreTheCaseSensitiveIsIsNotAndContains() {
        for (Filter v1 : Filter.parseAll("visit:browser==Chrome|Firefox;event:page!=/;event:page~blog")) {
            assertEquals(Optional.of(v1), QueryFilter.Condition.of(v1).toV1());
        }
        Property page = Property.of(PropertyKind.PAGE);
        assertEquals(Optional.empty(), new QueryFilter.Condition(QueryFilter.Op.CONTAINS, page, List.of("blog"), false).toV1());
        assertEquals(Optional.empty(), QueryFilter.Condition.of(QueryFilter.Op.MATCHES, page, "^/b").toV1());
        assertEquals(Optional.empty(), QueryFilter.Condition.of(QueryFilter.Op.IS, page, "/a|b").toV1());
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
