package dev.footfall.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.server.auth.ApiToken;
import dev.footfall.server.auth.Authenticator;
import dev.footfall.server.http.JsonBodies;
import dev.footfall.server.http.QueryParams;
import dev.footfall.server.query.QueryV2;
import dev.footfall.server.query.QueryV2Engine;
import dev.footfall.server.query.QueryV2Parser;
import dev.footfall.server.query.StatsEngine;
import dev.footfall.server.site.Site;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/**
 * {@code POST /api/v2/query}, Plausible's Stats API v2: a JSON query of metrics, a date range,
 * dimensions, a filter tree, ordering and pagination, answered as {@code {results, meta, query}}.
 * The bearer token is checked first (401/403 as for v1), then the body (400 naming the key at
 * fault, with Plausible's message); {@code X-Footfall-Source} and {@code Server-Timing} as v1's.
 */
public final class QueryV2Service implements HttpService {
    /** A query is a few hundred bytes; a long filter list a few kilobytes. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final QueryV2Engine engine;
    private final Authenticator auth;
    private final JsonBodies bodies;

    public QueryV2Service(QueryV2Engine engine, Authenticator auth, JsonBodies bodies) {
        this.engine = engine;
        this.auth = auth;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::handleQuery);
    }

    private void handleQuery(ServerRequest req, ServerResponse res) {
        long startNs = System.nanoTime();
        ApiToken token = auth.require(req);
        JsonNode body = bodies.parse(bodies.read(req, MAX_BODY_BYTES), JsonNode.class);
        QueryV2 query = QueryParams.validated(() -> QueryV2Parser.parse(body));
        Site site = auth.site(token, query.siteId(), "site_id");
        StatsEngine.Answer<Map<String, Object>> answer = QueryParams.validated(() -> engine.query(site, query));
        res.header(StatsService.SOURCE_HEADER, answer.source());
        StatsService.timing(res, startNs);
        bodies.send(res, Status.OK_200, answer.result());
    }
}
