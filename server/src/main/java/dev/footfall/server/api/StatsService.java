package dev.footfall.server.api;

import dev.footfall.model.stats.FunnelResult;
import dev.footfall.model.stats.RowsResult;
import dev.footfall.model.stats.StatsQuery;
import dev.footfall.server.auth.ApiToken;
import dev.footfall.server.auth.Authenticator;
import dev.footfall.server.event.Source;
import dev.footfall.server.http.ApiException;
import dev.footfall.server.http.JsonBodies;
import dev.footfall.server.http.QueryParams;
import dev.footfall.server.query.StatsEngine;
import dev.footfall.server.site.Site;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/stats/*}, shaped like Plausible's Stats API v1: aggregate (with
 * {@code compare=previous_period}), timeseries and breakdown (JSON, or CSV with a header row
 * for {@code Accept: text/csv}), and realtime visitors. Every route needs a bearer token that may
 * read the site. The {@code X-Footfall-Source} header says whether rollups or raw rows answered.
 */
public final class StatsService implements HttpService {
    static final String SOURCE_HEADER = "X-Footfall-Source";
    /** {@code total;dur=<ms>}: the handler's own time up to the answer (token check, planning, SQL; not writing the JSON), for benchmarks and browser dev tools. */
    static final String TIMING_HEADER = "Server-Timing";

    private final StatsEngine engine;
    private final Authenticator auth;
    private final JsonBodies bodies;

    public StatsService(StatsEngine engine, Authenticator auth, JsonBodies bodies) {
        this.engine = engine;
        this.auth = auth;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/aggregate", this::handleAggregate)
                .get("/timeseries", this::handleTimeseries)
                .get("/breakdown", this::handleBreakdown)
                .get("/funnel", this::handleFunnel)
                .get("/realtime/visitors", this::handleRealtime);
    }

    private void handleAggregate(ServerRequest req, ServerResponse res) {
        long startNs = System.nanoTime();
        Request r = request(req);
        StatsEngine.Answer<?> answer = QueryParams.validated(() -> engine.aggregate(r.site(), r.query()));
        res.header(SOURCE_HEADER, answer.source());
        timing(res, startNs);
        bodies.send(res, Status.OK_200, answer.result());
    }

    private void handleTimeseries(ServerRequest req, ServerResponse res) {
        long startNs = System.nanoTime();
        Request r = request(req);
        StatsEngine.Answer<RowsResult> answer = QueryParams.validated(() -> engine.timeseries(r.site(), r.query()));
        timing(res, startNs);
        sendRows(req, res, answer, List.of("date"), r.query());
    }

    private void handleBreakdown(ServerRequest req, ServerResponse res) {
        long startNs = System.nanoTime();
        Request r = request(req);
        StatsEngine.Answer<RowsResult> answer = QueryParams.validated(() -> engine.breakdown(r.site(), r.query()));
        timing(res, startNs);
        var property = r.query().property().orElseThrow();
        String nameKey = property.kind().nameKey();
        sendRows(req, res, answer, nameKey == null ? List.of(property.rowKey()) : List.of(property.rowKey(), nameKey), r.query());
    }

    /** {@code funnel_id} names one of the site's funnels; period, date, compare and visit filters as elsewhere. */
    private void handleFunnel(ServerRequest req, ServerResponse res) {
        long startNs = System.nanoTime();
        Request r = request(req);
        String text = req.query().first("funnel_id").orElse("").strip();
        if (text.isEmpty()) {
            throw ApiException.badRequest("funnel_id", "funnel_id is required");
        }
        int id;
        try {
            id = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("funnel_id", "funnel_id '" + text + "' is not a whole number");
        }
        StatsEngine.Answer<FunnelResult> answer = QueryParams.validated(() -> engine.funnel(r.site(), id, r.query()))
                .orElseThrow(() -> new ApiException(Status.NOT_FOUND_404, "site " + r.site().domain() + " has no funnel " + id, "funnel_id"));
        res.header(SOURCE_HEADER, answer.source());
        timing(res, startNs);
        bodies.send(res, Status.OK_200, answer.result());
    }

    private void handleRealtime(ServerRequest req, ServerResponse res) {
        ApiToken token = auth.require(req);
        Site site = auth.site(token, req.query().first("site_id").orElse(null), "site_id");
        bodies.send(res, Status.OK_200, engine.realtimeVisitors(site));
    }

    static void timing(ServerResponse res, long startNs) {
        res.header(TIMING_HEADER, String.format(java.util.Locale.ROOT, "total;dur=%.1f", (System.nanoTime() - startNs) / 1e6));
    }

    private record Request(Site site, StatsQuery query) {
    }

    private Request request(ServerRequest req) {
        ApiToken token = auth.require(req);
        Map<String, String> params = QueryParams.of(req.query());
        Site site = auth.site(token, params.get("site_id"), "site_id");
        return new Request(site, QueryParams.validated(() -> StatsQuery.fromParams(params)));
    }

    private void sendRows(ServerRequest req, ServerResponse res, StatsEngine.Answer<RowsResult> answer, List<String> labelColumns,
                          StatsQuery q) {
        res.header(SOURCE_HEADER, answer.source());
        boolean csv = req.headers().first(HeaderNames.ACCEPT).map(a -> a.contains("text/csv")).orElse(false);
        if (!csv) {
            bodies.send(res, Status.OK_200, answer.result());
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8");
        res.send(Csv.of(labelColumns, q.metrics(), answer.result().results()).getBytes(StandardCharsets.UTF_8));
    }
}
