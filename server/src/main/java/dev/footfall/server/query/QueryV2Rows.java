package dev.footfall.server.query;

import dev.footfall.server.query.QueryV2.DimensionV2;
import dev.footfall.server.query.QueryV2.MetricV2;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The body of a v2 answer from its rows of counters: each row's metrics in the query's order,
 * rows sorted by {@code order_by} (by default the time dimension ascending, then the first metric
 * descending; ties always by the dimension values ascending, so pages are stable), then paginated;
 * {@code meta} with {@code total_rows}, {@code time_labels} and {@code metric_warnings} as asked or
 * needed; {@code query} echoing the query with its resolved date range and ordering.
 */
final class QueryV2Rows {
    private QueryV2Rows() {
    }

    private record Row(List<String> dimensions, List<Object> metrics) {
    }

    static Map<String, Object> answer(QueryV2 q, Map<List<String>, Counts> cells, long totalVisitors, Set<MetricV2> notApplicable,
                                      DateWindow window, Optional<Timeline> timeline) {
        List<Row> rows = new ArrayList<>();
        if (q.dimensions().isEmpty() && cells.isEmpty()) {
            rows.add(new Row(List.of(), q.metrics().stream().map(m -> value(m, new Counts(), totalVisitors, notApplicable)).toList()));
        }
        cells.forEach((dims, k) -> {
            List<Object> values = new ArrayList<>();
            for (MetricV2 m : q.metrics()) {
                values.add(value(m, k, totalVisitors, notApplicable));
            }
            rows.add(new Row(dims, values));
        });
        List<QueryV2.Order> orders = orders(q);
        rows.sort(comparator(q, orders));
        List<Map<String, Object>> results = rows.stream().skip(q.offset()).limit(q.limit())
                .map(r -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("metrics", r.metrics());
                    row.put("dimensions", r.dimensions());
                    return row;
                }).toList();
        Map<String, Object> meta = new LinkedHashMap<>();
        if (!notApplicable.isEmpty()) {
            Map<String, Object> warnings = new LinkedHashMap<>();
            for (MetricV2 m : q.metrics()) {
                if (notApplicable.contains(m)) {
                    warnings.put(m.wireName(), Map.of("code", "not_applicable_to_dimensions",
                            "warning", m.wireName() + " is null: rows by event name, custom property, entry or exit page carry no time on page"));
                }
            }
            meta.put("metric_warnings", warnings);
        }
        if (q.timeLabels()) {
            Timeline t = timeline.orElseThrow();
            meta.put("time_labels", t.keys().stream().map(t::label).toList());
        }
        if (q.totalRows()) {
            meta.put("total_rows", rows.size());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("results", results);
        body.put("meta", meta);
        body.put("query", echo(q, orders, window));
        return body;
    }

    private static Object value(MetricV2 m, Counts k, long totalVisitors, Set<MetricV2> notApplicable) {
        if (notApplicable.contains(m)) {
            return null;
        }
        if (m == MetricV2.PERCENTAGE) {
            return totalVisitors == 0 ? 0.0 : Math.round(1000.0 * k.visitors / totalVisitors) / 10.0;
        }
        return MetricMath.value(m.v1.orElseThrow(), k);
    }

    /** The ordering asked for, or Plausible's default. */
    static List<QueryV2.Order> orders(QueryV2 q) {
        if (!q.orderBy().isEmpty()) {
            return q.orderBy();
        }
        List<QueryV2.Order> orders = new ArrayList<>();
        q.time().ifPresent(t -> orders.add(new QueryV2.Order(t.wireName(), true)));
        orders.add(new QueryV2.Order(q.metrics().getFirst().wireName(), false));
        return orders;
    }

    private static Comparator<Row> comparator(QueryV2 q, List<QueryV2.Order> orders) {
        Comparator<Row> cmp = (a, b) -> 0;
        for (QueryV2.Order o : orders) {
            int metric = q.metrics().stream().map(MetricV2::wireName).toList().indexOf(o.name());
            Comparator<Row> one = metric >= 0
                    ? Comparator.comparing(r -> number(r.metrics().get(metric)))
                    : Comparator.comparing(r -> r.dimensions().get(q.dimensions().stream().map(DimensionV2::wireName).toList().indexOf(o.name())));
            cmp = cmp.thenComparing(o.ascending() ? one : one.reversed());
        }
        for (int i = 0; i < q.dimensions().size(); i++) {
            int at = i;
            cmp = cmp.thenComparing(r -> r.dimensions().get(at));
        }
        return cmp;
    }

    private static Double number(Object value) {
        return value == null ? Double.NEGATIVE_INFINITY : ((Number) value).doubleValue();
    }

    private static Map<String, Object> echo(QueryV2 q, List<QueryV2.Order> orders, DateWindow window) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("site_id", q.siteId());
        query.put("metrics", q.metrics().stream().map(MetricV2::wireName).toList());
        query.put("date_range", window.echo());
        query.put("filters", q.filtersJson());
        query.put("dimensions", q.dimensions().stream().map(DimensionV2::wireName).toList());
        query.put("order_by", orders.stream().map(o -> List.of(o.name(), o.ascending() ? "asc" : "desc")).toList());
        Map<String, Object> include = new LinkedHashMap<>();
        if (q.totalRows()) {
            include.put("total_rows", true);
        }
        if (q.timeLabels()) {
            include.put("time_labels", true);
        }
        query.put("include", include);
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("offset", q.offset());
        pagination.put("limit", q.limit());
        query.put("pagination", pagination);
        return query;
    }
}
