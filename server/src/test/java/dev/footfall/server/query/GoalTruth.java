package dev.footfall.server.query;

import dev.footfall.model.stats.Filter;
import dev.footfall.model.stats.Property;
import dev.footfall.server.goal.Goal;
import dev.footfall.server.session.Buckets;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Goal conversions by brute force over {@link RawTruth}'s events, from the definitions alone: an
 * event converts when it is a pageview on a page the pattern matches, a custom event of the name
 * with every property value, or an engagement report on a matching page at the threshold or
 * deeper; visitors are distinct per site-local day (or hour) and summed; the other filters hold
 * for the converting event and its visit; revenue is summed per currency.
 */
final class GoalTruth {
    /** One cell's conversions. */
    static final class Cell {
        final Set<Long> visitors = new HashSet<>();
        long events;
        final Map<String, BigDecimal> revenue = new TreeMap<>();
        final Map<String, Long> revenueEvents = new TreeMap<>();
    }

    private final RawTruth truth;

    GoalTruth(RawTruth truth) {
        this.truth = truth;
    }

    static boolean converts(Goal g, RawTruth.Event e) {
        String page = e.values().get(dev.footfall.model.stats.PropertyKind.PAGE);
        return switch (g.kind()) {
            case PAGE -> e.kind() == 1 && g.page().orElseThrow().matches(page);
            case SCROLL -> e.kind() == 3 && g.page().orElseThrow().matches(page) && e.scrollDepth() != null
                    && e.scrollDepth() >= g.scrollThreshold();
            case EVENT -> e.kind() == 2 && g.eventName().orElseThrow().equals(e.values().get(dev.footfall.model.stats.PropertyKind.NAME))
                    && g.props().entrySet().stream().allMatch(p -> p.getValue().equals(e.props().get(p.getKey())));
        };
    }

    /** Label ({@code ""} without a breakdown) → bucket → conversions of any of the goals, for days [from, to]. */
    Map<String, Map<Integer, Cell>> cells(List<Goal> goals, List<Filter> rest, Optional<Property> groupBy, LocalDate from, LocalDate to,
                                          boolean hourly) {
        long fromMs = from.atStartOfDay(truth.zone()).toInstant().toEpochMilli();
        long toMs = to.plusDays(1).atStartOfDay(truth.zone()).toInstant().toEpochMilli();
        Map<String, Map<Integer, Cell>> cells = new HashMap<>();
        for (RawTruth.Event e : truth.events()) {
            RawTruth.Visit v = truth.visit(e.visitId());
            if (v == null || e.ts() < fromMs || e.ts() >= toMs || goals.stream().noneMatch(g -> converts(g, e))
                    || !rest.stream().allMatch(f -> RawTruth.matches(f, RawTruth.value(f.property(), e, v)))) {
                continue;
            }
            String label = groupBy.isPresent() ? RawTruth.value(groupBy.get(), e, v) : "";
            if (label == null) {
                continue;
            }
            int bucket = hourly ? Buckets.hour(e.ts(), truth.zone()) : Buckets.day(e.ts(), truth.zone());
            Cell k = cells.computeIfAbsent(label, x -> new HashMap<>()).computeIfAbsent(bucket, x -> new Cell());
            k.visitors.add(e.visitor());
            k.events++;
            if (e.revenue() != null) {
                k.revenue.merge(e.currency(), e.revenue(), BigDecimal::add);
                k.revenueEvents.merge(e.currency(), 1L, Long::sum);
            }
        }
        return cells;
    }
}
