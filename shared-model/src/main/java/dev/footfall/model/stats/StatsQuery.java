package dev.footfall.model.stats;

import dev.footfall.model.InvalidFieldException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One stats request as the API receives it (Plausible Stats API v1 parameters), validated.
 * Built from query parameters by {@link #fromParams}; the console builds the same record (from
 * {@link #of} or {@link #custom} and the {@code with…} copies) and sends {@link #toParams}, so both
 * sides read one definition of every parameter.
 *
 * @param siteId     the site's domain
 * @param period     the time range kind
 * @param date       the anchor day for day/7d/30d/month/6mo/12mo; empty means today in the site's zone
 * @param customFrom first day of a custom range (present iff period is custom)
 * @param customTo   last day of a custom range, inclusive
 * @param interval   timeseries bucket
 * @param metrics    requested metrics, in answer order
 * @param property   breakdown dimension (breakdown only)
 * @param filters    all must hold
 * @param compare    {@code compare=previous_period}
 * @param limit      breakdown rows per page, 1..1000
 * @param page       breakdown page, from 1
 * @param currency   the currency revenue metrics sum (ISO 4217); without it, revenue in several
 *                   currencies is no sum but a warning
 */
public record StatsQuery(
        String siteId,
        Period period,
        Optional<LocalDate> date,
        Optional<LocalDate> customFrom,
        Optional<LocalDate> customTo,
        Interval interval,
        List<Metric> metrics,
        Optional<Property> property,
        List<Filter> filters,
        boolean compare,
        int limit,
        int page,
        Optional<String> currency) {

    public static final int MAX_LIMIT = 1000;

    public StatsQuery {
        if (siteId == null || siteId.isBlank()) {
            throw new InvalidFieldException("site_id", "site_id is required");
        }
        metrics = List.copyOf(metrics);
        filters = List.copyOf(filters);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidFieldException("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        if (page < 1) {
            throw new InvalidFieldException("page", "page must be 1 or more");
        }
        if (period == Period.CUSTOM && (customFrom.isEmpty() || customTo.isEmpty())) {
            throw new InvalidFieldException("date", "period=custom needs date=YYYY-MM-DD,YYYY-MM-DD");
        }
        if (currency.isPresent() && !currency.get().matches("[A-Z]{3}")) {
            throw new InvalidFieldException("currency", "currency must be an ISO 4217 code such as EUR");
        }
        if (customFrom.isPresent() && customTo.isPresent() && customTo.get().isBefore(customFrom.get())) {
            throw new InvalidFieldException("date", "the custom range ends before it starts");
        }
    }

    /** A query over {@code period} ending on {@code anchor} (empty: today in the site's zone), for {@code visitors}. */
    public static StatsQuery of(String siteId, Period period, Optional<LocalDate> anchor) {
        return new StatsQuery(siteId, period, anchor, Optional.empty(), Optional.empty(), Interval.parse(null, period),
                List.of(Metric.VISITORS), Optional.empty(), List.of(), false, 100, 1, Optional.empty());
    }

    /** A custom range, both days inclusive, for {@code visitors}. */
    public static StatsQuery custom(String siteId, LocalDate from, LocalDate to) {
        return new StatsQuery(siteId, Period.CUSTOM, Optional.empty(), Optional.of(from), Optional.of(to), Interval.DAY,
                List.of(Metric.VISITORS), Optional.empty(), List.of(), false, 100, 1, Optional.empty());
    }

    public StatsQuery withMetrics(List<Metric> replaced) {
        return new StatsQuery(siteId, period, date, customFrom, customTo, interval, replaced, property, filters, compare, limit, page, currency);
    }

    public StatsQuery withFilters(List<Filter> replaced) {
        return new StatsQuery(siteId, period, date, customFrom, customTo, interval, metrics, property, replaced, compare, limit, page, currency);
    }

    public StatsQuery withInterval(Interval replaced) {
        return new StatsQuery(siteId, period, date, customFrom, customTo, replaced, metrics, property, filters, compare, limit, page, currency);
    }

    /** A breakdown by {@code by}, {@code rows} rows a page. */
    public StatsQuery withBreakdown(Property by, int rows) {
        return new StatsQuery(siteId, period, date, customFrom, customTo, interval, metrics, Optional.of(by), filters, compare, rows, page,
                currency);
    }

    public StatsQuery withCompare(boolean previousPeriod) {
        return new StatsQuery(siteId, period, date, customFrom, customTo, interval, metrics, property, filters, previousPeriod, limit, page,
                currency);
    }

    /** True when a goal filters the query: goal reports then answer it ({@link Metric#GOAL}). */
    public boolean goalFiltered() {
        return filters.stream().anyMatch(f -> f.property().kind() == PropertyKind.GOAL);
    }

    /**
     * The parameters {@link #fromParams} reads back into this query: {@code site_id}, {@code period},
     * {@code date}, then what differs from the defaults ({@code interval} when not the period's own).
     */
    public Map<String, String> toParams() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("site_id", siteId);
        params.put("period", period.wireName());
        date.ifPresent(d -> params.put("date", d.toString()));
        if (customFrom.isPresent() && customTo.isPresent()) {
            params.put("date", customFrom.get() + "," + customTo.get());
        }
        if (interval != Interval.parse(null, period)) {
            params.put("interval", interval.wireName());
        }
        params.put("metrics", metrics.stream().map(Metric::wireName).collect(Collectors.joining(",")));
        property.ifPresent(p -> params.put("property", p.wireName()));
        if (!filters.isEmpty()) {
            params.put("filters", filters.stream().map(Filter::wireForm).collect(Collectors.joining(";")));
        }
        if (compare) {
            params.put("compare", "previous_period");
        }
        if (limit != 100) {
            params.put("limit", Integer.toString(limit));
        }
        if (page != 1) {
            params.put("page", Integer.toString(page));
        }
        currency.ifPresent(c -> params.put("currency", c));
        return params;
    }

    /** Parses query parameters (single values); unknown parameters are ignored. */
    public static StatsQuery fromParams(Map<String, String> params) {
        Period period = Period.parse(params.get("period"));
        String date = params.get("date");
        Optional<LocalDate> anchor = Optional.empty();
        Optional<LocalDate> from = Optional.empty();
        Optional<LocalDate> to = Optional.empty();
        if (date != null && !date.isBlank()) {
            if (period == Period.CUSTOM) {
                String[] parts = date.split(",", -1);
                if (parts.length != 2) {
                    throw new InvalidFieldException("date", "period=custom needs date=YYYY-MM-DD,YYYY-MM-DD");
                }
                from = Optional.of(day(parts[0]));
                to = Optional.of(day(parts[1]));
            } else {
                anchor = Optional.of(day(date));
            }
        }
        String compare = params.get("compare");
        if (compare != null && !compare.isBlank() && !compare.equals("previous_period")) {
            throw new InvalidFieldException("compare", "compare supports previous_period only");
        }
        String property = params.get("property");
        return new StatsQuery(params.get("site_id"), period, anchor, from, to, Interval.parse(params.get("interval"), period),
                Metric.parseList(params.get("metrics")),
                property == null || property.isBlank() ? Optional.empty() : Optional.of(Property.parse(property, "property")),
                Filter.parseAll(params.get("filters")), compare != null && !compare.isBlank(),
                number(params, "limit", 100), number(params, "page", 1),
                Optional.ofNullable(params.get("currency")).map(String::strip).filter(c -> !c.isEmpty()));
    }

    private static LocalDate day(String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException("date", "'" + text + "' is not a YYYY-MM-DD date");
        }
    }

    private static int number(Map<String, String> params, String name, int fallback) {
        String text = params.get(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(name, name + " must be a whole number");
        }
    }
}
