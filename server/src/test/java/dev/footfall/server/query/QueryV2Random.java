package dev.footfall.server.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.model.stats.Interval;
import dev.footfall.model.stats.Metric;
import dev.footfall.model.stats.Property;
import dev.footfall.model.stats.PropertyKind;
import dev.footfall.server.ApiClient;
import dev.footfall.server.RunningServer;
import dev.footfall.server.query.QueryV2.MetricV2;
import dev.footfall.server.site.Site;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;

/**
 * Random v2 queries (metrics, up to two property dimensions and a time dimension, filter trees of
 * every operator, behavioural ones included, two levels deep, date and date-time ranges) against {@link RawTruth}'s brute force
 * over the same site's events: every row, in order, with every metric equal. Rollups answer the
 * single-dimension, single-{@code is} ones; raw rows the rest.
 */
final class QueryV2Random {
    static final LocalDate FIRST = LocalDate.of(2025, 10, 20);
    static final LocalDate LAST = LocalDate.of(2025, 10, 29);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Property> PROPERTIES = List.of(Property.of(PropertyKind.PAGE), Property.of(PropertyKind.HOSTNAME),
            Property.of(PropertyKind.NAME), Property.of(PropertyKind.SOURCE), Property.of(PropertyKind.COUNTRY), Property.of(PropertyKind.DEVICE),
            Property.of(PropertyKind.BROWSER), Property.of(PropertyKind.BROWSER_VERSION), Property.of(PropertyKind.OS),
            Property.of(PropertyKind.CHANNEL), Property.of(PropertyKind.ENTRY_PAGE), Property.of(PropertyKind.EXIT_PAGE),
            Property.of(PropertyKind.UTM_CAMPAIGN), Property.of(PropertyKind.REFERRER), new Property(PropertyKind.PROPS, "plan"));
    private static final Map<String, Optional<Interval>> TIMES = Map.of("time:hour", Optional.of(Interval.HOUR), "time:day",
            Optional.of(Interval.DAY), "time:week", Optional.of(Interval.WEEK), "time:month", Optional.of(Interval.MONTH));

    private final RunningServer server;
    private final ApiClient api;

    QueryV2Random(RunningServer server, ApiClient api) {
        this.server = server;
        this.api = api;
    }

    private record Query(Map<String, Object> body, List<MetricV2> metrics, List<Property> props, Optional<String> time, List<FilterV2> filters,
                         long fromMs, long toMs, LocalDate firstDay, LocalDate lastDay) {
    }

    /** Mismatches of {@code count} random queries on {@code site}. */
    List<String> check(Site site, int count, long seed) throws Exception {
        RawTruth truth = new RawTruth(server.footfall().dataSource(), site.id(), site.zone());
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        java.util.Set<String> sources = new java.util.HashSet<>();
        for (int i = 0; i < count; i++) {
            Query q = query(site, truth, random);
            String body = JSON.writeValueAsString(q.body());
            HttpResponse<String> res = api.send("POST", "/api/v2/query", body, "Content-Type", "application/json");
            if (res.statusCode() != 200) {
                failures.add(body + ": " + res.statusCode() + " " + res.body());
                continue;
            }
            sources.add(res.headers().firstValue("X-Footfall-Source").orElse(""));
            List<Map<String, Object>> actual = QueryV2Test.results(api.object(res.body()));
            List<Map<String, Object>> expected = expected(truth, q);
            if (!same(expected, actual)) {
                failures.add(body + " (" + res.headers().firstValue("X-Footfall-Source").orElse("") + ")\n  got      " + actual
                        + "\n  expected " + expected);
            }
        }
        if (!sources.equals(java.util.Set.of("rollup", "raw"))) {
            failures.add("both paths should have answered some queries, answered by " + sources);
        }
        return failures;
    }

    private static boolean same(List<Map<String, Object>> expected, List<Map<String, Object>> actual) {
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!expected.get(i).get("dimensions").equals(actual.get(i).get("dimensions"))
                    || !QueryV2Test.numbers(expected.get(i).get("metrics")).equals(QueryV2Test.numbers(actual.get(i).get("metrics")))) {
                return false;
            }
        }
        return true;
    }

    private Query query(Site site, RawTruth truth, Random random) {
        List<Property> props = new ArrayList<>();
        int dims = random.nextInt(3);
        while (props.size() < dims) {
            Property p = PROPERTIES.get(random.nextInt(PROPERTIES.size()));
            if (!props.contains(p)) {
                props.add(p);
            }
        }
        Optional<String> time = random.nextInt(3) == 0 ? Optional.of(new TreeSet<>(TIMES.keySet()).toArray(String[]::new)[random.nextInt(4)])
                : Optional.empty();
        boolean eventDims = props.stream().anyMatch(p -> p.kind().eventLevel());
        List<MetricV2> metrics = new ArrayList<>();
        int wanted = 1 + random.nextInt(4);
        while (metrics.size() < wanted) {
            MetricV2 m = MetricV2.values()[random.nextInt(MetricV2.values().length)];
            boolean dimensioned = !props.isEmpty() || time.isPresent();
            if (metrics.contains(m) || (m.session() && eventDims) || (m == MetricV2.VIEWS_PER_VISIT && dimensioned)
                    || (m == MetricV2.PERCENTAGE && !dimensioned)) {
                continue;
            }
            metrics.add(m);
        }
        List<FilterV2> filters = new ArrayList<>();
        List<Object> filtersJson = new ArrayList<>();
        int n = random.nextInt(3);
        for (int i = 0; i < n; i++) {
            FilterV2 f = filter(truth, random, 0);
            filters.add(f);
            filtersJson.add(json(f));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("site_id", site.domain());
        body.put("metrics", metrics.stream().map(MetricV2::wireName).toList());
        LocalDate from = FIRST.plusDays(random.nextInt(9) - 1);
        LocalDate to = from.plusDays(random.nextInt(5));
        long fromMs = from.atStartOfDay(site.zone()).toInstant().toEpochMilli();
        long toMs = to.plusDays(1).atStartOfDay(site.zone()).toInstant().toEpochMilli();
        if (random.nextInt(4) == 0) {
            ZonedDateTime a = from.atStartOfDay(site.zone()).plusHours(random.nextInt(19)).plusMinutes(random.nextInt(60));
            ZonedDateTime b = to.atStartOfDay(site.zone()).plusHours(20 + random.nextInt(4)).plusMinutes(random.nextInt(60)).plusSeconds(59);
            body.put("date_range", List.of(a.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), b.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
            fromMs = a.toInstant().toEpochMilli();
            toMs = b.toInstant().toEpochMilli() + 1000;
            from = a.toLocalDate();
            to = b.toLocalDate();
        } else {
            body.put("date_range", List.of(from.toString(), to.toString()));
        }
        List<String> dimensions = new ArrayList<>(props.stream().map(QueryV2Parser::wireName).toList());
        time.ifPresent(t -> dimensions.add(random.nextInt(dimensions.size() + 1), t));
        body.put("dimensions", dimensions);
        body.put("filters", filtersJson);
        List<Property> ordered = new ArrayList<>();
        for (String d : dimensions) {
            props.stream().filter(p -> QueryV2Parser.wireName(p).equals(d)).forEach(ordered::add);
        }
        return new Query(body, metrics, ordered, time, filters, fromMs, toMs, from, to);
    }

    private static final PropertyKind[] FILTERED = {PropertyKind.PAGE, PropertyKind.NAME, PropertyKind.SOURCE, PropertyKind.COUNTRY,
            PropertyKind.BROWSER, PropertyKind.OS, PropertyKind.DEVICE, PropertyKind.ENTRY_PAGE, PropertyKind.CHANNEL, PropertyKind.PROPS};

    private static FilterV2 filter(RawTruth truth, Random random, int depth) {
        int shape = depth >= 2 ? 0 : random.nextInt(6);
        if (shape == 1 || shape == 2) {
            List<FilterV2> parts = List.of(filter(truth, random, depth + 1), filter(truth, random, depth + 1));
            return shape == 1 ? new FilterV2.And(parts) : new FilterV2.Or(parts);
        }
        if (shape == 3) {
            return new FilterV2.Not(filter(truth, random, depth + 1));
        }
        if (shape == 4) {
            return new FilterV2.HasDone(filter(truth, random, depth + 1), random.nextBoolean());
        }
        PropertyKind kind = FILTERED[random.nextInt(FILTERED.length)];
        Property p = kind == PropertyKind.PROPS ? new Property(kind, "plan") : Property.of(kind);
        List<String> known = new ArrayList<>(new TreeSet<>(truth.values(p)));
        FilterV2.Op op = FilterV2.Op.values()[random.nextInt(FilterV2.Op.values().length)];
        boolean caseSensitive = random.nextInt(3) != 0;
        List<String> values = new ArrayList<>();
        for (int i = 0; i <= random.nextInt(2); i++) {
            String v = known.isEmpty() ? "x" : known.get(random.nextInt(known.size()));
            v = switch (op.positive()) {
                case CONTAINS -> v.length() > 2 ? v.substring(1, 1 + random.nextInt(v.length() - 1)) : v;
                case MATCHES -> v.isEmpty() ? "^$" : "^" + java.util.regex.Pattern.quote(v.substring(0, 1)) + ".*" + (random.nextBoolean() ? "" : "|o");
                default -> v;
            };
            values.add(caseSensitive || random.nextBoolean() ? v : v.toUpperCase(Locale.ROOT));
        }
        return new FilterV2.Is(op, p, values, caseSensitive);
    }

    private static Object json(FilterV2 f) {
        return switch (f) {
            case FilterV2.And and -> List.of("and", and.all().stream().map(QueryV2Random::json).toList());
            case FilterV2.Or or -> List.of("or", or.any().stream().map(QueryV2Random::json).toList());
            case FilterV2.Not not -> List.of("not", json(not.negated()));
            case FilterV2.HasDone done -> List.of(done.negated() ? "has_not_done" : "has_done", json(done.done()));
            case FilterV2.Is is -> is.caseSensitive() ? List.of(is.op().wireName, QueryV2Parser.wireName(is.property()), is.values())
                    : List.of(is.op().wireName, QueryV2Parser.wireName(is.property()), is.values(), Map.of("case_sensitive", false));
        };
    }

    /** The answer's rows from brute force, in Plausible's default order (time ascending, first metric descending), ties by the values. */
    private static List<Map<String, Object>> expected(RawTruth truth, Query q) {
        Optional<Interval> interval = q.time().map(TIMES::get).map(Optional::orElseThrow);
        Optional<Timeline> timeline = interval.map(i -> new Timeline(new DateRange(q.firstDay(), q.lastDay()), i));
        boolean hourly = interval.equals(Optional.of(Interval.HOUR));
        Map<List<String>, Counts> rows = fold(truth.cells(q.props(), q.filters(), q.fromMs(), q.toMs(), hourly), timeline, q);
        long total = fold(truth.cells(List.of(), q.filters(), q.fromMs(), q.toMs(), false), Optional.empty(), q).values().stream()
                .mapToLong(k -> k.visitors).sum();
        boolean noTimeOnPage = q.props().stream().anyMatch(p -> !p.kind().metrics().contains(Metric.TIME_ON_PAGE));
        List<Map<String, Object>> list = new ArrayList<>();
        rows.forEach((labels, k) -> {
            List<Object> values = new ArrayList<>();
            for (MetricV2 m : q.metrics()) {
                values.add(m == MetricV2.PERCENTAGE ? (total == 0 ? 0.0 : Math.round(1000.0 * k.visitors / total) / 10.0)
                        : m == MetricV2.TIME_ON_PAGE && noTimeOnPage ? null : MetricMath.value(m.v1.orElseThrow(), k));
            }
            Map<String, Object> row = new HashMap<>();
            row.put("dimensions", labels);
            row.put("metrics", values);
            list.add(row);
        });
        if (list.isEmpty() && q.props().isEmpty() && q.time().isEmpty()) {
            list.add(Map.of("dimensions", List.of(), "metrics", q.metrics().stream().map(m -> (Object) MetricMath.value(m.v1.orElseThrow(), new Counts())).toList()));
        }
        @SuppressWarnings("unchecked")
        Comparator<Map<String, Object>> order = Comparator.comparing(r -> 0);
        List<?> dimNames = (List<?>) q.body().get("dimensions");
        if (q.time().isPresent()) {
            int at = dimNames.indexOf(q.time().get());
            order = order.thenComparing(r -> ((List<String>) r.get("dimensions")).get(at));
        }
        order = order.thenComparing(Comparator.comparing((Map<String, Object> r) -> {
            Object v = ((List<Object>) r.get("metrics")).getFirst();
            return v == null ? Double.NEGATIVE_INFINITY : ((Number) v).doubleValue();
        }).reversed());
        for (int i = 0; i < dimNames.size(); i++) {
            int at = i;
            order = order.thenComparing(r -> ((List<String>) r.get("dimensions")).get(at));
        }
        list.sort(order);
        return list;
    }

    /** Cells by labels and bucket → rows by the query's dimension labels (time label in its place), empty rows left out. */
    private static Map<List<String>, Counts> fold(Map<List<String>, Map<Integer, Counts>> cells, Optional<Timeline> timeline, Query q) {
        List<?> dimNames = (List<?>) q.body().get("dimensions");
        Map<List<String>, Counts> rows = new HashMap<>();
        cells.forEach((labels, byBucket) -> byBucket.forEach((bucket, k) -> {
            List<String> key = new ArrayList<>(labels);
            timeline.ifPresent(t -> key.add(dimNames.indexOf(q.time().orElseThrow()), t.label(t.keyOf(bucket))));
            rows.computeIfAbsent(key, x -> new Counts()).add(k);
        }));
        boolean noTimeOnPage = q.props().stream().anyMatch(p -> !p.kind().metrics().contains(Metric.TIME_ON_PAGE));
        List<Metric> read = q.metrics().stream().filter(m -> !(m == MetricV2.TIME_ON_PAGE && noTimeOnPage)).map(m -> m.v1.orElse(Metric.VISITORS))
                .toList();
        if (read.isEmpty()) {
            read = List.of(Metric.VISITORS);
        }
        boolean events = read.stream().anyMatch(m -> !m.visitLevel());
        boolean visits = read.stream().anyMatch(Metric::visitLevel);
        rows.values().removeIf(k -> QueryV2Engine.empty(k, events, visits));
        return rows;
    }
}
