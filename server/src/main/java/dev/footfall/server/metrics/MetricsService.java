package dev.footfall.server.metrics;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET /metrics} in Prometheus text format, and the filter that times every request by
 * route. Routes are grouped to a fixed set of labels so a scanner probing random paths cannot
 * create unbounded series.
 */
public final class MetricsService implements HttpService {
    private final FootfallMetrics metrics;

    public MetricsService(FootfallMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::handleScrape);
    }

    private void handleScrape(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        res.send(metrics.scrape());
    }

    /** Times each request and records it under its route label. */
    public Filter timingFilter() {
        return (FilterChain chain, RoutingRequest req, RoutingResponse res) -> {
            long started = System.nanoTime();
            try {
                chain.proceed();
            } finally {
                metrics.httpRequest(route(req.prologue().uriPath().path()), res.status().code(), System.nanoTime() - started);
            }
        };
    }

    static String route(String path) {
        if (path.startsWith("/api/v1/")) {
            int next = path.indexOf('/', "/api/v1/".length());
            String group = next < 0 ? path : path.substring(0, next);
            if (!group.equals("/api/v1/sites") && !group.equals("/api/v1/stats")) {
                return "other";
            }
            return group.startsWith("/api/v1/stats") ? statsRoute(path) : group;
        }
        return switch (path) {
            case "/api/event", "/api/session", "/tracker.js", "/tracker-demo.html", "/metrics", "/openapi" -> path;
            default -> path.startsWith("/health") ? "/health"
                    : path.startsWith("/analytics/") ? "/analytics"
                    : path.startsWith("/js/tracker.") ? "/js/tracker" : "other";
        };
    }

    private static String statsRoute(String path) {
        for (String report : new String[] {"aggregate", "timeseries", "breakdown", "realtime"}) {
            if (path.startsWith("/api/v1/stats/" + report)) {
                return "/api/v1/stats/" + report;
            }
        }
        return "other";
    }
}
