package dev.footfall.model.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.footfall.model.InvalidFieldException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Stats API v2 query ({@code POST /api/v2/query}) as it travels: the body a client sends, and the
 * {@code query} the server echoes (with the date range resolved to date-times and the ordering it
 * used). Metric and dimension names are kept as sent ({@code visitors}, {@code visit:source},
 * {@code time:day}): the server says which it knows, with Plausible's messages. Absent lists are
 * empty; empty ones are left out of the JSON.
 *
 * @param orderBy    {@code [name, "asc"|"desc"]} pairs
 * @param include    {@code total_rows}, {@code time_labels}
 * @param pagination absent: the server's default (all rows up to its limit)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Query(
        @JsonProperty("site_id") String siteId,
        @JsonProperty("metrics") List<String> metrics,
        @JsonProperty("date_range") QueryDateRange dateRange,
        @JsonProperty("dimensions") List<String> dimensions,
        @JsonProperty("filters") List<QueryFilter> filters,
        @JsonProperty("order_by") List<List<String>> orderBy,
        @JsonProperty("include") Map<String, Boolean> include,
        @JsonProperty("pagination") Pagination pagination) {

    public Query {
        if (siteId == null || siteId.isBlank()) {
            throw new InvalidFieldException("site_id", "#: Required property site_id was not present");
        }
        if (metrics == null || metrics.isEmpty()) {
            throw new InvalidFieldException("metrics", "#/metrics: Expected a minimum of 1 items");
        }
        if (dateRange == null) {
            throw new InvalidFieldException("date_range", "#: Required property date_range was not present");
        }
        metrics = List.copyOf(metrics);
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
        filters = filters == null ? List.of() : List.copyOf(filters);
        orderBy = orderBy == null ? List.of() : orderBy.stream().map(List::copyOf).toList();
        include = include == null ? Map.of() : Map.copyOf(include);
    }

    /** {@code limit} rows from {@code offset}. */
    public record Pagination(@JsonProperty("limit") int limit, @JsonProperty("offset") int offset) {
        public Pagination {
            if (limit < 1 || offset < 0) {
                throw new InvalidFieldException("pagination", "#/pagination: limit must be 1 or more and offset 0 or more");
            }
        }
    }

    /** The metrics over the range, no dimensions, no filters. */
    public static Query of(String siteId, List<String> metrics, QueryDateRange dateRange) {
        return new Query(siteId, metrics, dateRange, List.of(), List.of(), List.of(), Map.of(), null);
    }

    public Query withDimensions(List<String> replaced) {
        return new Query(siteId, metrics, dateRange, replaced, filters, orderBy, include, pagination);
    }

    public Query withFilters(List<QueryFilter> replaced) {
        return new Query(siteId, metrics, dateRange, dimensions, replaced, orderBy, include, pagination);
    }

    public Query withPagination(int limit, int offset) {
        return new Query(siteId, metrics, dateRange, dimensions, filters, orderBy, include, new Pagination(limit, offset));
    }

    /** With {@code include.<what>} ({@code total_rows}, {@code time_labels}) set. */
    public Query including(String what) {
        Map<String, Boolean> more = new LinkedHashMap<>(include);
        more.put(what, true);
        return new Query(siteId, metrics, dateRange, dimensions, filters, orderBy, more, pagination);
    }
}
