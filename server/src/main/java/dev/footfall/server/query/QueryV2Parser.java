package dev.footfall.server.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.footfall.model.InvalidFieldException;
import dev.footfall.model.stats.Interval;
import dev.footfall.model.stats.Property;
import dev.footfall.model.stats.PropertyKind;
import dev.footfall.model.v2.QueryFilter;
import dev.footfall.server.query.QueryV2.DateSpec;
import dev.footfall.server.query.QueryV2.DimensionV2;
import dev.footfall.server.query.QueryV2.MetricV2;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a Stats API v2 query body into a {@link QueryV2}, checking everything that does not need
 * the database. Every problem is an {@link InvalidFieldException} whose field is the top-level key
 * at fault and whose reason reads like Plausible's ({@code #/metrics/1: Invalid metric "clicks"}),
 * so a v2 client sees the message it knows and Footfall's error shape keeps its {@code field}.
 */
public final class QueryV2Parser {
    static final int MAX_LIMIT = 10_000;
    private static final Set<String> KEYS = Set.of("site_id", "metrics", "date_range", "dimensions", "filters", "order_by", "include",
            "pagination");
    private static final Set<String> NAMED_RANGES = Set.of("day", "24h", "7d", "28d", "30d", "91d", "month", "6mo", "12mo", "year", "all");
    private static final Map<String, Optional<Interval>> TIME_DIMENSIONS = Map.of("time", Optional.empty(),
            "time:hour", Optional.of(Interval.HOUR), "time:day", Optional.of(Interval.DAY), "time:week", Optional.of(Interval.WEEK),
            "time:month", Optional.of(Interval.MONTH));

    private QueryV2Parser() {
    }

    public static QueryV2 parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidFieldException("body", "#: Expected the query to be a JSON object");
        }
        body.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                throw new InvalidFieldException(key, "#/" + key + ": Unknown key \"" + key + "\"");
            }
        });
        JsonNode site = required(body, "site_id");
        if (!site.isTextual() || site.asText().isBlank()) {
            throw new InvalidFieldException("site_id", "#/site_id: Expected the site's domain as a string");
        }
        List<MetricV2> metrics = metrics(required(body, "metrics"));
        DateSpec range = dateRange(required(body, "date_range"));
        List<DimensionV2> dimensions = dimensions(body.path("dimensions"));
        JsonNode filtersJson = body.has("filters") ? body.get("filters") : JsonNodeFactory.instance.arrayNode();
        List<FilterV2> filters = new ArrayList<>();
        array(filtersJson, "filters", "#/filters");
        for (int i = 0; i < filtersJson.size(); i++) {
            filters.add(filter(filtersJson.get(i), "#/filters/" + i));
        }
        JsonNode include = body.path("include");
        if (!include.isMissingNode() && !include.isObject()) {
            throw new InvalidFieldException("include", "#/include: Expected an object");
        }
        include.fieldNames().forEachRemaining(key -> {
            if (!key.equals("total_rows") && !key.equals("time_labels") || !include.get(key).isBoolean()) {
                throw new InvalidFieldException("include", "#/include/" + key + ": Expected total_rows or time_labels, true or false");
            }
        });
        boolean timeLabels = include.path("time_labels").asBoolean(false);
        if (timeLabels && dimensions.stream().noneMatch(d -> d instanceof DimensionV2.Time)) {
            throw new InvalidFieldException("include", "#/include/time_labels: Invalid include.time_labels: requires a time dimension");
        }
        JsonNode pagination = body.path("pagination");
        if (!pagination.isMissingNode() && !pagination.isObject()) {
            throw new InvalidFieldException("pagination", "#/pagination: Expected an object with limit and offset");
        }
        int limit = count(pagination, "limit", MAX_LIMIT, 1, MAX_LIMIT);
        int offset = count(pagination, "offset", 0, 0, Integer.MAX_VALUE);
        QueryV2 q = new QueryV2(site.asText().strip(), metrics, range, dimensions, filters, filtersJson, orderBy(body.path("order_by")),
                include.path("total_rows").asBoolean(false), timeLabels, limit, offset);
        checkCombinations(q);
        return q;
    }

    /** Plausible's rules for metrics and dimensions together, and order_by naming what the query has. */
    private static void checkCombinations(QueryV2 q) {
        List<String> session = q.metrics().stream().filter(MetricV2::session).map(MetricV2::wireName).toList();
        List<String> eventDims = q.properties().stream().filter(d -> d.property().kind().eventLevel()).map(DimensionV2::wireName).toList();
        if (!session.isEmpty() && !eventDims.isEmpty()) {
            throw new InvalidFieldException("metrics", "Session metric(s) `" + String.join("`, `", session)
                    + "` cannot be queried along with event dimension(s) `" + String.join("`, `", eventDims) + "`");
        }
        if (q.metrics().contains(MetricV2.VIEWS_PER_VISIT) && !q.dimensions().isEmpty()) {
            throw new InvalidFieldException("metrics", "Metric `views_per_visit` cannot be queried with `dimensions`");
        }
        if (q.metrics().contains(MetricV2.PERCENTAGE) && q.dimensions().isEmpty()) {
            throw new InvalidFieldException("metrics", "Metric `percentage` requires non-empty `dimensions`");
        }
        for (QueryV2.Order o : q.orderBy()) {
            boolean known = q.metrics().stream().anyMatch(m -> m.wireName().equals(o.name()))
                    || q.dimensions().stream().anyMatch(d -> d.wireName().equals(o.name()));
            if (!known) {
                throw new InvalidFieldException("order_by", "Invalid order_by entry `" + o.name() + "`: it is neither in metrics nor in dimensions");
            }
        }
    }

    private static JsonNode required(JsonNode body, String key) {
        JsonNode node = body.get(key);
        if (node == null || node.isNull()) {
            throw new InvalidFieldException(key, "#: Required property " + key + " was not present");
        }
        return node;
    }

    private static JsonNode array(JsonNode node, String field, String path) {
        if (!node.isArray()) {
            throw new InvalidFieldException(field, path + ": Expected an array");
        }
        return node;
    }

    private static List<MetricV2> metrics(JsonNode node) {
        array(node, "metrics", "#/metrics");
        if (node.isEmpty()) {
            throw new InvalidFieldException("metrics", "#/metrics: Expected a minimum of 1 items");
        }
        List<MetricV2> metrics = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String name = node.get(i).asText();
            MetricV2 m = null;
            for (MetricV2 candidate : MetricV2.values()) {
                if (node.get(i).isTextual() && candidate.wireName().equals(name)) {
                    m = candidate;
                }
            }
            if (m == null) {
                throw new InvalidFieldException("metrics", "#/metrics/" + i + ": Invalid metric " + node.get(i));
            }
            if (metrics.contains(m)) {
                throw new InvalidFieldException("metrics", "#/metrics: Metrics cannot be queried multiple times: `" + name + "`");
            }
            metrics.add(m);
        }
        return metrics;
    }

    private static DateSpec dateRange(JsonNode node) {
        if (node.isTextual() && NAMED_RANGES.contains(node.asText())) {
            return new DateSpec.Named(node.asText());
        }
        if (node.isArray() && node.size() == 2 && node.get(0).isTextual() && node.get(1).isTextual()) {
            String a = node.get(0).asText();
            String b = node.get(1).asText();
            try {
                if (a.length() == 10 && b.length() == 10) {
                    LocalDate from = LocalDate.parse(a);
                    LocalDate to = LocalDate.parse(b);
                    if (!to.isBefore(from)) {
                        return new DateSpec.Dates(from, to);
                    }
                } else if (a.length() > 10 && b.length() > 10) {
                    OffsetDateTime from = OffsetDateTime.parse(a);
                    OffsetDateTime to = OffsetDateTime.parse(b);
                    if (!to.isBefore(from)) {
                        return new DateSpec.Instants(from, to);
                    }
                }
            } catch (DateTimeParseException e) {
                // falls through to the error below
            }
        }
        throw new InvalidFieldException("date_range", "#/date_range: Invalid date range " + node
                + ": expected one of " + String.join(", ", NAMED_RANGES.stream().sorted().toList())
                + ", [\"YYYY-MM-DD\", \"YYYY-MM-DD\"] or two ISO8601 date-times with offsets, the first not after the second");
    }

    private static List<DimensionV2> dimensions(JsonNode node) {
        if (node.isMissingNode()) {
            return List.of();
        }
        array(node, "dimensions", "#/dimensions");
        List<DimensionV2> dims = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String name = node.get(i).asText();
            String path = "#/dimensions/" + i;
            DimensionV2 d = TIME_DIMENSIONS.containsKey(name) ? new DimensionV2.Time(name, TIME_DIMENSIONS.get(name))
                    : new DimensionV2.Prop(name, property(node.get(i), "dimensions", path, "Invalid dimension"));
            if (dims.stream().anyMatch(x -> x.wireName().equals(name))) {
                throw new InvalidFieldException("dimensions", path + ": Dimensions cannot be queried multiple times: `" + name + "`");
            }
            if (d instanceof DimensionV2.Time && dims.stream().anyMatch(x -> x instanceof DimensionV2.Time)) {
                throw new InvalidFieldException("dimensions", path + ": Only one time dimension can be queried at a time");
            }
            dims.add(d);
        }
        return dims;
    }

    /** v2's name of a property: v1's, except that the hostname is {@code event:hostname}. */
    static String wireName(Property p) {
        return p.kind() == PropertyKind.HOSTNAME ? "event:hostname" : p.wireName();
    }

    private static Property property(JsonNode node, String field, String path, String what) {
        String name = node.isTextual() ? node.asText() : "";
        String key = name.startsWith(PropertyKind.PROPS.wireName()) ? name.substring(PropertyKind.PROPS.wireName().length()) : "";
        if (!key.isEmpty() && !key.contains("\"") && !key.contains("\\")) {
            return new Property(PropertyKind.PROPS, key);
        }
        if (name.equals(PropertyKind.GOAL.wireName())) {
            // Goals are answered by the v1 routes' goal reports; v2 does not plan them yet.
            throw new InvalidFieldException(field, path + ": event:goal is not supported in v2 queries yet; use /api/v1/stats with "
                    + "property=event:goal or filters=event:goal==…");
        }
        for (PropertyKind kind : PropertyKind.values()) {
            if (kind != PropertyKind.PROPS && wireName(Property.of(kind)).equals(name)) {
                return Property.of(kind);
            }
        }
        throw new InvalidFieldException(field, path + ": " + what + " " + node);
    }

    private static FilterV2 filter(JsonNode node, String path) {
        if (!node.isArray() || node.isEmpty() || !node.get(0).isTextual()) {
            throw new InvalidFieldException("filters", path + ": Invalid filter " + node);
        }
        String op = node.get(0).asText();
        switch (op) {
            case "and", "or" -> {
                if (node.size() != 2 || !node.get(1).isArray() || node.get(1).isEmpty()) {
                    throw new InvalidFieldException("filters", path + ": Invalid filter " + node + ": `" + op + "` takes a non-empty list of filters");
                }
                List<FilterV2> parts = new ArrayList<>();
                for (int i = 0; i < node.get(1).size(); i++) {
                    parts.add(filter(node.get(1).get(i), path + "/1/" + i));
                }
                return op.equals("and") ? new FilterV2.And(parts) : new FilterV2.Or(parts);
            }
            case "not" -> {
                if (node.size() != 2) {
                    throw new InvalidFieldException("filters", path + ": Invalid filter " + node + ": `not` takes one filter");
                }
                return new FilterV2.Not(filter(node.get(1), path + "/1"));
            }
            case "has_done", "has_not_done" -> {
                if (node.size() != 2) {
                    throw new InvalidFieldException("filters", path + ": Invalid filter " + node + ": `" + op + "` takes one filter");
                }
                return new FilterV2.HasDone(filter(node.get(1), path + "/1"), op.equals("has_not_done"));
            }
            default -> {
                return condition(node, path);
            }
        }
    }

    private static FilterV2 condition(JsonNode node, String path) {
        String name = node.get(0).asText();
        FilterV2.Op op = null;
        for (FilterV2.Op candidate : FilterV2.Op.values()) {
            if (candidate.wireName.equals(name)) {
                op = candidate;
            }
        }
        if (op == null) {
            throw new InvalidFieldException("filters", path + "/0: Invalid filter operator \"" + name + "\"");
        }
        if (node.size() < 3 || node.size() > 4) {
            throw new InvalidFieldException("filters", path + ": Invalid filter " + node + ": expected [operator, dimension, [values]] and optional modifiers");
        }
        if (node.get(1).isTextual() && node.get(1).asText().startsWith("time")) {
            throw new InvalidFieldException("filters", path + "/1: Invalid filter dimension " + node.get(1) + ": time dimensions cannot be filtered, set date_range");
        }
        Property property = property(node.get(1), "filters", path + "/1", "Invalid filter dimension");
        List<String> values = QueryFilter.values(node, path);
        boolean caseSensitive = QueryFilter.caseSensitive(node, path);
        if (op.positive() == FilterV2.Op.MATCHES) {
            for (String v : values) {
                try {
                    Pattern.compile(v);
                } catch (PatternSyntaxException e) {
                    throw new InvalidFieldException("filters", path + "/2: Invalid regular expression \"" + v + "\": " + e.getDescription());
                }
            }
        }
        return new FilterV2.Is(op, property, values, caseSensitive);
    }

    private static List<QueryV2.Order> orderBy(JsonNode node) {
        if (node.isMissingNode()) {
            return List.of();
        }
        array(node, "order_by", "#/order_by");
        List<QueryV2.Order> orders = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode o = node.get(i);
            String dir = o.path(1).asText();
            if (!o.isArray() || o.size() != 2 || !o.get(0).isTextual() || !(dir.equals("asc") || dir.equals("desc"))) {
                throw new InvalidFieldException("order_by", "#/order_by/" + i + ": Invalid order_by entry " + o
                        + ": expected [metric or dimension, \"asc\" or \"desc\"]");
            }
            orders.add(new QueryV2.Order(o.get(0).asText(), dir.equals("asc")));
        }
        return orders;
    }

    private static int count(JsonNode pagination, String key, int fallback, int min, int max) {
        JsonNode v = pagination.path(key);
        if (v.isMissingNode()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            throw new InvalidFieldException("pagination", "#/pagination/" + key + ": Invalid pagination " + key + " " + v
                    + ": expected a whole number from " + min + (max == Integer.MAX_VALUE ? " on" : " to " + max));
        }
        return v.asInt();
    }
}
