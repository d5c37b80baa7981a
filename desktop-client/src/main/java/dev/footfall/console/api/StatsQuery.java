package dev.footfall.console.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What every stats request shares: the site, the period ({@code day}, {@code 7d}, {@code month},
 * {@code custom}, ...), its {@code date} anchor or range, and the active filters.
 */
public record StatsQuery(String siteId, String period, String date, List<Filter> filters) {
    public StatsQuery {
        if (siteId == null || siteId.isBlank()) {
            throw new IllegalArgumentException("siteId required");
        }
        if (period == null || period.isBlank()) {
            throw new IllegalArgumentException("period required");
        }
        filters = List.copyOf(filters);
    }

    public StatsQuery withFilters(List<Filter> replaced) {
        return new StatsQuery(siteId, period, date, replaced);
    }

    /** True when a goal filters the query: visitors are then unique conversions, and only goal metrics are offered. */
    public boolean goalFiltered() {
        return filters.stream().anyMatch(f -> f.property().equals(Dimension.GOAL.property()));
    }

    /**
     * The metrics a report under this query can ask for: all of {@code wanted} without a goal
     * filter; with one, those goal reports offer (visitors, events), at least visitors.
     */
    public List<Metric> offered(List<Metric> wanted) {
        if (!goalFiltered()) {
            return wanted;
        }
        List<Metric> offered = wanted.stream().filter(m -> m == Metric.VISITORS || m == Metric.EVENTS).toList();
        return offered.isEmpty() ? List.of(Metric.VISITORS) : offered;
    }

    /** {@code site_id}, {@code period}, {@code date} and {@code filters}, in that order. */
    Map<String, String> params() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("site_id", siteId);
        params.put("period", period);
        if (date != null) {
            params.put("date", date);
        }
        if (!filters.isEmpty()) {
            params.put("filters", filters.stream().map(Filter::expression).collect(Collectors.joining(";")));
        }
        return params;
    }
}
