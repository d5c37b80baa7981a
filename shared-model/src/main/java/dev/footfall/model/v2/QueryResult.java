package dev.footfall.model.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The answer to a v2 query: {@code results}, one row per combination of dimension values (in the
 * query's dimension order) with its metrics (in the query's metric order; {@code null} where a
 * metric does not apply, with a warning in {@code meta}), then {@code meta} and the {@code query}
 * as the server understood it.
 */
public record QueryResult(
        @JsonProperty("results") List<Row> results,
        @JsonProperty("meta") Meta meta,
        @JsonProperty("query") Query query) {

    public QueryResult {
        results = results == null ? List.of() : List.copyOf(results);
        meta = meta == null ? new Meta(null, null, null) : meta;
    }

    /** One row; metric values are numbers, or {@code null} where not applicable. */
    public record Row(@JsonProperty("metrics") List<Object> metrics, @JsonProperty("dimensions") List<String> dimensions) {
        public Row {
            // Not List.copyOf: a metric that does not apply is null.
            metrics = Collections.unmodifiableList(new ArrayList<>(metrics == null ? List.of() : metrics));
            dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
        }

        /** The {@code i}th metric as a number; null when it does not apply. */
        public Double metric(int i) {
            return metrics.get(i) instanceof Number n ? n.doubleValue() : null;
        }
    }

    /**
     * {@code total_rows} and {@code time_labels} when the query included them; a warning per metric
     * left null ({@code {"code": "not_applicable_to_dimensions", "warning": "…"}}).
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Meta(
            @JsonProperty("total_rows") Integer totalRows,
            @JsonProperty("time_labels") List<String> timeLabels,
            @JsonProperty("metric_warnings") Map<String, Warning> metricWarnings) {
        public Meta {
            timeLabels = timeLabels == null ? List.of() : List.copyOf(timeLabels);
            metricWarnings = metricWarnings == null ? Map.of() : Map.copyOf(metricWarnings);
        }
    }

    public record Warning(@JsonProperty("code") String code, @JsonProperty("warning") String warning) {
    }
}
