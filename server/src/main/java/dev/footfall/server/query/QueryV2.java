package dev.footfall.server.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.model.stats.Interval;
import dev.footfall.model.stats.Metric;
import dev.footfall.model.stats.Property;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A validated Stats API v2 query ({@code POST /api/v2/query}), as {@link QueryV2Parser} reads it
 * from the body: nothing here needs the site except {@code date_range}'s named ranges, which
 * {@link QueryV2Engine} resolves in the site's zone. {@code filters} is the top-level list (an
 * implicit {@code and}); {@code filtersJson} is echoed in the answer's {@code query} as sent.
 */
public record QueryV2(String siteId, List<MetricV2> metrics, DateSpec dateRange, List<DimensionV2> dimensions, List<FilterV2> filters,
                      JsonNode filtersJson, List<Order> orderBy, boolean totalRows, boolean timeLabels, int limit, int offset) {
    public QueryV2 {
        metrics = List.copyOf(metrics);
        dimensions = List.copyOf(dimensions);
        filters = List.copyOf(filters);
        orderBy = List.copyOf(orderBy);
    }

    /** v2 metrics: v1's, and {@code percentage} (a row's share of the visitors of the query without dimensions). */
    public enum MetricV2 {
        VISITORS(Metric.VISITORS), VISITS(Metric.VISITS), PAGEVIEWS(Metric.PAGEVIEWS), VIEWS_PER_VISIT(Metric.VIEWS_PER_VISIT),
        BOUNCE_RATE(Metric.BOUNCE_RATE), VISIT_DURATION(Metric.VISIT_DURATION), EVENTS(Metric.EVENTS), PERCENTAGE(null),
        TIME_ON_PAGE(Metric.TIME_ON_PAGE);

        /** The v1 metric computed the same way; absent for percentage. */
        final Optional<Metric> v1;

        MetricV2(Metric v1) {
            this.v1 = Optional.ofNullable(v1);
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Session metrics: over visits, by where the visit started. */
        boolean session() {
            return v1.map(Metric::visitLevel).orElse(false);
        }
    }

    /** A dimension: a property ({@code visit:source}, {@code event:props:plan}) or a time bucket. */
    public sealed interface DimensionV2 {
        String wireName();

        record Prop(String wireName, Property property) implements DimensionV2 {
        }

        /** {@code interval} absent for {@code time}, which picks it from the range's length. */
        record Time(String wireName, Optional<Interval> interval) implements DimensionV2 {
        }
    }

    /** {@code date_range}: a named range, two dates (both inclusive) or two instants (both inclusive, to the second). */
    public sealed interface DateSpec {
        record Named(String name) implements DateSpec {
        }

        record Dates(LocalDate from, LocalDate to) implements DateSpec {
        }

        record Instants(OffsetDateTime from, OffsetDateTime to) implements DateSpec {
        }
    }

    /** One {@code order_by} entry: a metric's or dimension's wire name, ascending or not. */
    public record Order(String name, boolean ascending) {
    }

    Optional<DimensionV2.Time> time() {
        return dimensions.stream().filter(d -> d instanceof DimensionV2.Time).map(d -> (DimensionV2.Time) d).findFirst();
    }

    List<DimensionV2.Prop> properties() {
        return dimensions.stream().filter(d -> d instanceof DimensionV2.Prop).map(d -> (DimensionV2.Prop) d).toList();
    }
}
