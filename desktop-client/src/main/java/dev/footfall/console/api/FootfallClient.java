package dev.footfall.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.model.WireJson;
import dev.footfall.model.stats.AggregateResult;
import dev.footfall.model.stats.Filter;
import dev.footfall.model.stats.Metric;
import dev.footfall.model.stats.MetricValue;
import dev.footfall.model.stats.Property;
import dev.footfall.model.stats.PropertyKind;
import dev.footfall.model.stats.RowsResult;
import dev.footfall.model.stats.SiteInfo;
import dev.footfall.model.stats.StatsQuery;
import dev.footfall.model.v2.Query;
import dev.footfall.model.v2.QueryDateRange;
import dev.footfall.model.v2.QueryFilter;
import dev.footfall.model.v2.QueryResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;

/**
 * The console's only way to the server: blocking calls to the stats and sites API, meant to
 * run inside a background {@code Task}. Every failure becomes an {@link ApiException} naming
 * its {@link Problem}. Requests and answers are {@code shared-model}'s records, the ones the
 * server reads and writes: a report is a {@link StatsQuery} sent as its {@link StatsQuery#toParams}
 * to the v1 routes, which express every chip the dashboard builds and alone have goal reports and
 * {@code compare}; what v1 cannot ask (a case-insensitive search of a dimension's values, for the
 * filter editor's type-ahead) is a v2 {@link Query} to {@code POST /api/v2/query}.
 *
 * <p>The token is sent only in the {@code Authorization} header and never appears in
 * exception messages or {@link #toString()}.
 *
 * <p>{@link #ahead()} lets the console ask for its first screen while the window is still being
 * built: the answers of that client's GETs wait, at most {@value #AHEAD_KEPT_SECONDS} s, for the
 * first identical GET of this one, which takes them instead of asking the server again (or waits
 * for them while they are on their way).
 */
public final class FootfallClient {
    static final int AHEAD_KEPT_SECONDS = 10;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final URI base;
    private final String token;
    private final HttpClient http;
    private final ObjectMapper json = WireJson.mapper();
    /** Answers of {@link #ahead()} GETs not yet taken, by URI; shared with the ahead client. */
    private final Map<URI, Ahead> kept;
    /** True for the {@link #ahead()} client, whose GET answers go into {@link #kept}. */
    private final boolean keeps;

    /** One GET sent ahead: its answer (or failure), and when it was sent. */
    private record Ahead(CompletableFuture<String> answer, long sentNanos) {
        boolean fresh() {
            return System.nanoTime() - sentNanos < TimeUnit.SECONDS.toNanos(AHEAD_KEPT_SECONDS);
        }
    }

    private FootfallClient(URI base, String token, HttpClient http, Map<URI, Ahead> kept, boolean keeps) {
        this.base = base;
        this.token = token;
        this.http = http;
        this.kept = kept;
        this.keeps = keeps;
    }

    /** A client for {@code serverUrl} ({@code http(s)://host[:port][/prefix]}); throws INVALID_URL. */
    public static FootfallClient create(String serverUrl, String token) {
        return new FootfallClient(parseBase(serverUrl), token == null ? "" : token.strip(),
                HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                        .followRedirects(HttpClient.Redirect.NORMAL).build(), new ConcurrentHashMap<>(), false);
    }

    /**
     * The same server and token through a client whose GETs are kept for this client's next
     * identical GET (once each, for {@value #AHEAD_KEPT_SECONDS} s): calls made on it ahead of
     * time make the real ones answer without a round trip.
     */
    public FootfallClient ahead() {
        return new FootfallClient(base, token, http, kept, true);
    }

    static URI parseBase(String serverUrl) {
        String text = serverUrl == null ? "" : serverUrl.strip();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        try {
            URI uri = URI.create(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new ApiException(Problem.INVALID_URL, "use http://host:port or https://host, was '" + text + "'");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ApiException(Problem.INVALID_URL, "'" + text + "' is not a URL", e);
        }
    }

    public URI base() {
        return base;
    }

    /**
     * Checks, in order, that the address answers, that it is a Footfall server ({@code /health}
     * with its check list), and that the token may list sites.
     */
    public ConnectionCheck check() {
        try {
            JsonNode health = json.readTree(send(request("/health/live", Map.of(), false), "GET /health/live"));
            if (health == null || !health.has("status")) {
                return new ConnectionCheck.Failed(Problem.NOT_FOOTFALL, base + "/health/live does not answer like Footfall");
            }
            return new ConnectionCheck.Connected(sites().size());
        } catch (ApiException e) {
            return new ConnectionCheck.Failed(e.problem(), e.getMessage());
        } catch (IOException e) {
            return new ConnectionCheck.Failed(Problem.NOT_FOOTFALL, base + "/health/live answered something other than JSON");
        }
    }

    /** Whether the server answers at all (used to notice that it came back). */
    public boolean alive() {
        try {
            send(request("/health/live", Map.of(), false), "GET /health/live");
            return true;
        } catch (ApiException e) {
            return !e.problem().transientFailure();
        }
    }

    public List<SiteInfo> sites() {
        JsonNode body = getJson("/api/v1/sites", Map.of());
        JsonNode list = body.isArray() ? body : body.has("sites") ? body.get("sites") : body.path("results");
        List<SiteInfo> sites = new ArrayList<>();
        for (JsonNode site : list) {
            String domain = site.isTextual() ? site.asText() : site.path("domain").asText("");
            if (!domain.isBlank()) {
                sites.add(new SiteInfo(domain, site.path("timezone").asText("")));
            }
        }
        return sites;
    }

    public SiteInfo addSite(String domain, String timezone) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("domain", domain.strip());
        body.put("timezone", timezone.strip());
        try {
            HttpRequest request = authorized(HttpRequest.newBuilder(URI.create(base + "/api/v1/sites")))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
            JsonNode site = json.readTree(send(request, "POST /api/v1/sites"));
            return new SiteInfo(site.path("domain").asText(domain), site.path("timezone").asText(timezone));
        } catch (IOException e) {
            throw new ApiException(Problem.NOT_FOOTFALL, "POST /api/v1/sites answered something other than JSON", e);
        }
    }

    /** The embed snippet the server recommends for {@code domain}. */
    public String snippet(String domain) {
        HttpRequest request = request("/api/v1/sites/" + encode(domain) + "/snippet", Map.of(), true);
        String body = send(request, "GET /api/v1/sites/{domain}/snippet");
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.has("snippet")) {
                return node.get("snippet").asText();
            }
        } catch (IOException notJson) {
            // plain text or HTML: the snippet itself
        }
        return body;
    }

    /** The query's metrics over its period; with {@code compare}, each with its change against the previous period. */
    public Map<Metric, MetricValue> aggregate(StatsQuery query) {
        AggregateResult answer = getValue("/api/v1/stats/aggregate", query.toParams(), AggregateResult.class);
        Map<Metric, MetricValue> values = new LinkedHashMap<>();
        for (Metric metric : query.metrics()) {
            MetricValue v = answer.results().get(metric.wireName());
            if (v != null && v.value() instanceof Number) {
                values.put(metric, v);
            }
        }
        return values;
    }

    /** Visitors and pageviews per bucket of the query's interval (under a goal, unique and total conversions). */
    public List<TimePoint> timeseries(StatsQuery query) {
        // Under a goal the second line is total conversions (goal reports have no pageviews).
        Metric second = query.goalFiltered() ? Metric.EVENTS : Metric.PAGEVIEWS;
        RowsResult answer = getValue("/api/v1/stats/timeseries", query.withMetrics(List.of(Metric.VISITORS, second)).toParams(),
                RowsResult.class);
        List<TimePoint> points = new ArrayList<>();
        for (Map<String, Object> row : answer.results()) {
            points.add(new TimePoint(String.valueOf(row.get("date")), (long) number(row.get(Metric.VISITORS.wireName())),
                    (long) number(row.get(second.wireName()))));
        }
        return points;
    }

    /** The rows of the query's breakdown ({@link StatsQuery#property()}), with the metrics it has. */
    public List<BreakdownRow> breakdown(StatsQuery query) {
        Property property = query.property().orElseThrow(() -> new IllegalArgumentException("a breakdown needs a property"));
        String key = property.rowKey();
        String nameKey = property.kind().nameKey();
        List<BreakdownRow> rows = new ArrayList<>();
        for (Map<String, Object> row : getValue("/api/v1/stats/breakdown", query.toParams(), RowsResult.class).results()) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (Metric metric : query.metrics()) {
                if (row.get(metric.wireName()) instanceof Number n) {
                    values.put(metric.wireName(), n.doubleValue());
                }
            }
            Object value = row.get(key);
            Object name = nameKey == null ? null : row.get(nameKey);
            rows.add(new BreakdownRow(value == null ? "" : String.valueOf(value), name == null ? "" : String.valueOf(name), values));
        }
        return rows;
    }

    /**
     * Up to {@code limit} values of {@code dimension} over {@code range}, most visitors first, that
     * contain {@code typed} in any case (all values when it is blank), under {@code filters}: the
     * filter editor's type-ahead. A Stats API v2 query, as v1's {@code ~} is case-sensitive.
     */
    public List<String> values(String siteId, QueryDateRange range, Property dimension, String typed, List<Filter> filters, int limit) {
        List<QueryFilter> conditions = new ArrayList<>(filters.stream().<QueryFilter>map(QueryFilter.Condition::of).toList());
        if (!typed.isBlank()) {
            conditions.add(new QueryFilter.Condition(QueryFilter.Op.CONTAINS, dimension, List.of(typed.strip()), false));
        }
        Query q = Query.of(siteId, List.of(Metric.VISITORS.wireName()), range).withDimensions(List.of(dimension.v2Name()))
                .withFilters(conditions).withPagination(limit, 0);
        return query(q).results().stream().map(r -> r.dimensions().getFirst()).toList();
    }

    /** A Stats API v2 query ({@code POST /api/v2/query}); a 400 is an {@link ApiException} with the server's message. */
    public QueryResult query(Query query) {
        try {
            HttpRequest request = authorized(HttpRequest.newBuilder(URI.create(base + "/api/v2/query")))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(query))).build();
            return json.readValue(send(request, "POST /api/v2/query"), QueryResult.class);
        } catch (IOException e) {
            throw new ApiException(Problem.NOT_FOOTFALL, "POST /api/v2/query answered something other than its JSON", e);
        }
    }

    /** The site's goals, in the order they were created. */
    public List<Goal> goals(String siteId) {
        List<Goal> goals = new ArrayList<>();
        for (JsonNode g : getJson("/api/v1/sites/" + encode(siteId) + "/goals", Map.of())) {
            String type = g.path("goal_type").asText("event");
            goals.add(new Goal(g.path("id").asInt(), type, g.path("display_name").asText(""),
                    type.equals("event") ? g.path("event_name").asText("") : g.path("page_path").asText(""),
                    g.hasNonNull("scroll_threshold") ? g.get("scroll_threshold").asInt() : null));
        }
        return goals;
    }

    /** Creates the goal ({@code id} 0) or changes it; the server's 400/409 is an {@link ApiException} with its reason. */
    public void saveGoal(String siteId, Goal goal) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("goal_type", goal.type());
        body.put(goal.type().equals("event") ? "event_name" : "page_path", goal.target());
        if (goal.type().equals("scroll")) {
            body.put("scroll_threshold", goal.scrollThreshold());
        }
        if (!goal.name().isEmpty()) {
            body.put("display_name", goal.name());
        }
        save("/api/v1/sites/" + encode(siteId) + "/goals", goal.id(), body, "goal");
    }

    /** POSTs {@code body} to {@code collection} when {@code id} is 0, else PATCHes {@code collection/id}. */
    private void save(String collection, int id, Map<String, Object> body, String what) {
        String path = collection + (id == 0 ? "" : "/" + id);
        try {
            HttpRequest request = authorized(HttpRequest.newBuilder(URI.create(base + path)))
                    .header("Content-Type", "application/json")
                    .method(id == 0 ? "POST" : "PATCH", HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
            send(request, (id == 0 ? "POST " : "PATCH ") + what);
        } catch (IOException e) {
            throw new ApiException(Problem.NOT_FOOTFALL, "cannot encode the " + what, e);
        }
    }

    /** How many conversions {@code goal} (stored or not) had in the last 30 days: the goal manager's preview. */
    public GoalRow previewGoal(String siteId, Goal goal) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("goal_type", goal.type());
        params.put(goal.type().equals("event") ? "event_name" : "page_path", goal.target());
        if (goal.scrollThreshold() != null) {
            params.put("scroll_threshold", goal.scrollThreshold().toString());
        }
        JsonNode results = getJson("/api/v1/sites/" + encode(siteId) + "/goals/preview", params).path("results");
        return new GoalRow(goal.name(), results.path("visitors").path("value").asLong(), results.path("events").path("value").asLong(),
                results.path("conversion_rate").path("value").asDouble(), "");
    }

    public void deleteGoal(String siteId, int id) {
        delete("/api/v1/sites/" + encode(siteId) + "/goals/" + id, "goal");
    }

    private void delete(String path, String what) {
        send(authorized(HttpRequest.newBuilder(URI.create(base + path))).DELETE().build(), "DELETE " + what);
    }

    /** The currency codes a revenue warning lists: "revenue in several currencies (EUR, USD): …". */
    private static final java.util.regex.Pattern CURRENCIES = java.util.regex.Pattern.compile("\\(([A-Z]{3}(?:, [A-Z]{3})*)\\)");

    /**
     * The goal breakdown of the query: conversions, conversion rate and revenue per goal with
     * conversions; revenue summed in {@code currency}, or (null) in the only one there is.
     * {@link GoalConversions#currencies} lists the currencies the server found mixed (empty when
     * it did not warn), so the card can offer them.
     */
    public GoalConversions goalConversions(StatsQuery query, String currency) {
        Map<String, String> params = new LinkedHashMap<>(query.withBreakdown(Property.of(PropertyKind.GOAL), 100)
                .withMetrics(List.of(Metric.VISITORS, Metric.EVENTS, Metric.CONVERSION_RATE, Metric.TOTAL_REVENUE)).toParams());
        if (currency != null) {
            params.put("currency", currency);
        }
        JsonNode body = getJson("/api/v1/stats/breakdown", params);
        String warning = body.path("warnings").path("total_revenue").asText("");
        List<String> currencies = new ArrayList<>();
        java.util.regex.Matcher m = CURRENCIES.matcher(warning);
        if (m.find()) {
            currencies.addAll(List.of(m.group(1).split(", ")));
        }
        boolean mixed = !warning.isEmpty();
        List<GoalRow> rows = new ArrayList<>();
        for (JsonNode row : body.path("results")) {
            JsonNode revenue = row.path("total_revenue");
            // With a chosen currency every goal has a value; a goal without revenue in it shows none.
            boolean none = revenue.isObject() && currency != null && revenue.path("value").decimalValue().signum() == 0;
            // Two decimals as the server rounds them ("15.50 EUR"), which a double node would print as 15.5.
            String shown = revenue.isObject() && !none
                    ? revenue.path("value").decimalValue().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + " "
                    + revenue.path("currency").asText()
                    : mixed && !revenue.isObject() ? "several currencies" : "";
            rows.add(new GoalRow(row.path("goal").asText(), row.path("visitors").asLong(), row.path("events").asLong(),
                    row.path("conversion_rate").asDouble(), shown));
        }
        return new GoalConversions(rows, List.copyOf(currencies));
    }

    /** The goal breakdown's rows and the currencies its revenue was mixed in (empty unless the server warned). */
    public record GoalConversions(List<GoalRow> rows, List<String> currencies) {
    }

    /** The site's funnels, in the order they were created. */
    public List<Funnel> funnels(String siteId) {
        List<Funnel> funnels = new ArrayList<>();
        for (JsonNode f : getJson("/api/v1/sites/" + encode(siteId) + "/funnels", Map.of())) {
            List<Integer> steps = new ArrayList<>();
            f.path("steps").forEach(s -> steps.add(s.asInt()));
            funnels.add(new Funnel(f.path("id").asInt(), f.path("name").asText(""), steps));
        }
        return funnels;
    }

    /** Creates the funnel ({@code id} 0) or changes it; the server's 400/409 is an {@link ApiException} with its reason. */
    public void saveFunnel(String siteId, Funnel funnel) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", funnel.name());
        body.put("steps", funnel.steps());
        save("/api/v1/sites/" + encode(siteId) + "/funnels", funnel.id(), body, "funnel");
    }

    public void deleteFunnel(String siteId, int id) {
        delete("/api/v1/sites/" + encode(siteId) + "/funnels/" + id, "funnel");
    }

    /** The funnel's report for the query's period with the previous period's; only the query's visit filters the funnel report takes apply. */
    public FunnelReport funnelReport(StatsQuery query, int funnelId) {
        List<Filter> visitFilters = query.filters().stream().filter(f -> FUNNEL_FILTERS.contains(f.property().kind())).toList();
        Map<String, String> params = query.withFilters(visitFilters).withCompare(true).toParams();
        params.put("funnel_id", Integer.toString(funnelId));
        return funnelReport(getJson("/api/v1/stats/funnel", params));
    }

    /** The visit properties a funnel report can be filtered by. */
    static final Set<PropertyKind> FUNNEL_FILTERS = Set.of(PropertyKind.SOURCE, PropertyKind.COUNTRY, PropertyKind.DEVICE,
            PropertyKind.BROWSER, PropertyKind.OS);

    private static FunnelReport funnelReport(JsonNode body) {
        List<FunnelReport.Step> steps = new ArrayList<>();
        for (JsonNode s : body.path("steps")) {
            steps.add(new FunnelReport.Step(s.path("goal").asText(""), s.path("visitors").asLong(), s.path("dropoff").asLong(),
                    s.path("dropoff_percentage").asDouble(), s.path("conversion_rate").asDouble(), s.path("conversion_rate_step").asDouble()));
        }
        JsonNode previous = body.path("comparison");
        return new FunnelReport(body.path("entering_visitors").asLong(), body.path("entering_visitors_percentage").asDouble(), steps,
                previous.isObject() ? funnelReport(previous) : null);
    }

    /** Visitors in the last five minutes. */
    public long currentVisitors(String siteId) {
        JsonNode body = getJson("/api/v1/stats/realtime/visitors", Map.of("site_id", siteId));
        return body.isNumber() ? body.asLong() : body.path("visitors").asLong(body.path("results").asLong());
    }

    private <T> T getValue(String path, Map<String, String> params, Class<T> type) {
        String body = send(request(path, params, true), "GET " + path);
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new ApiException(Problem.NOT_FOOTFALL, "GET " + path + " answered something other than its JSON", e);
        }
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : 0;
    }

    private JsonNode getJson(String path, Map<String, String> params) {
        String body = send(request(path, params, true), "GET " + path);
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new ApiException(Problem.NOT_FOOTFALL, "GET " + path + " answered something other than JSON", e);
        }
    }

    private HttpRequest request(String path, Map<String, String> params, boolean withToken) {
        String query = params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        URI uri = URI.create(base + path + (query.isEmpty() ? "" : "?" + query));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).header("Accept", "application/json").GET();
        return (withToken ? authorized(builder) : builder.timeout(REQUEST_TIMEOUT)).build();
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
        builder.timeout(REQUEST_TIMEOUT);
        return token.isEmpty() ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private String send(HttpRequest request, String what) {
        if (!"GET".equals(request.method())) {
            return exchange(request, what);
        }
        if (keeps) {
            Ahead ahead = new Ahead(new CompletableFuture<>(), System.nanoTime());
            kept.put(request.uri(), ahead);
            try {
                String body = exchange(request, what);
                ahead.answer().complete(body);
                return body;
            } catch (RuntimeException e) {
                ahead.answer().completeExceptionally(e);
                throw e;
            }
        }
        Ahead ahead = kept.remove(request.uri());
        if (ahead != null && ahead.fresh()) {
            try {
                return ahead.answer().join();
            } catch (CompletionException | CancellationException failed) {
                // asked again below: the answer to this request decides what is shown
            }
        }
        return exchange(request, what);
    }

    private String exchange(HttpRequest request, String what) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(Problem.UNREACHABLE, what + " interrupted", e);
        } catch (IOException e) {
            throw transportFailure(e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return response.body();
        }
        String error = errorText(response.body());
        throw switch (status) {
            case 401 -> new ApiException(Problem.UNAUTHORIZED, "the server does not know this token" + error);
            case 403 -> new ApiException(Problem.FORBIDDEN, "this token may not read this data" + error);
            case 404 -> new ApiException(Problem.NOT_FOOTFALL,
                    what + " not found: " + base + " serves no Footfall API" + error);
            case 400, 409, 413, 422 -> new ApiException(Problem.BAD_REQUEST, what + " was rejected" + error);
            case 502, 503, 504 -> new ApiException(Problem.UNREACHABLE, what + " answered " + status + error);
            default -> new ApiException(Problem.SERVER_ERROR, what + " answered " + status + error);
        };
    }

    /** The {@code error} of the API's JSON error body, as ": ..." or empty. */
    private String errorText(String body) {
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.hasNonNull("error")) {
                return ": " + node.get("error").asText();
            }
        } catch (IOException | RuntimeException notJson) {
            // not the API's error shape
        }
        return "";
    }

    private ApiException transportFailure(IOException e) {
        String where = base.getHost() + (base.getPort() > 0 ? ":" + base.getPort() : "");
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return new ApiException(Problem.TLS, "secure connection to " + where + " failed: " + t.getMessage(), e);
            }
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return new ApiException(Problem.UNREACHABLE, "unknown host " + base.getHost(), e);
            }
            if (t instanceof HttpConnectTimeoutException) {
                return new ApiException(Problem.UNREACHABLE, "no answer from " + where + " within "
                        + CONNECT_TIMEOUT.toSeconds() + " s", e);
            }
            if (t instanceof ConnectException) {
                return new ApiException(Problem.UNREACHABLE, "connection refused by " + where, e);
            }
            if (t instanceof HttpTimeoutException) {
                return new ApiException(Problem.UNREACHABLE, where + " did not answer within "
                        + REQUEST_TIMEOUT.toSeconds() + " s", e);
            }
        }
        if ("https".equals(base.getScheme()) && String.valueOf(e.getMessage()).contains("EOF")) {
            return new ApiException(Problem.TLS, "the server at " + where + " closed the TLS handshake", e);
        }
        return new ApiException(Problem.UNREACHABLE, "connection to " + where + " failed: " + e.getMessage(), e);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "FootfallClient[" + base + "]";
    }
}
