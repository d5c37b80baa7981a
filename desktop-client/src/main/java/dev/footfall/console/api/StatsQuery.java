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
