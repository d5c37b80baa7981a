package dev.footfall.model.stats;

import dev.footfall.model.InvalidFieldException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A number the stats API reports, named as in Plausible's Stats API v1. Counts are whole
 * numbers; {@code views_per_visit} has two decimals; {@code bounce_rate} is a whole percentage;
 * {@code visit_duration} and {@code time_on_page} are whole seconds. The goal metrics
 * ({@link #goalOnly}) need an {@code event:goal} filter or breakdown: conversion rates are
 * percentages with one decimal, revenue is {@code {"value", "currency"}}.
 */
public enum Metric {
    VISITORS,
    VISITS,
    PAGEVIEWS,
    VIEWS_PER_VISIT,
    BOUNCE_RATE,
    VISIT_DURATION,
    EVENTS,
    TIME_ON_PAGE,
    CONVERSION_RATE,
    GROUP_CONVERSION_RATE,
    TOTAL_REVENUE,
    AVERAGE_REVENUE;

    /** The metrics of reports without goals: every metric but the goal-only ones. */
    public static final java.util.Set<Metric> STANDARD = java.util.Collections.unmodifiableSet(
            java.util.EnumSet.complementOf(java.util.EnumSet.of(CONVERSION_RATE, GROUP_CONVERSION_RATE, TOTAL_REVENUE, AVERAGE_REVENUE)));
    /** What a report on goals offers: unique conversions ({@code visitors}), total conversions ({@code events}), rates and revenue. */
    public static final java.util.Set<Metric> GOAL = java.util.Collections.unmodifiableSet(
            java.util.EnumSet.of(VISITORS, EVENTS, CONVERSION_RATE, GROUP_CONVERSION_RATE, TOTAL_REVENUE, AVERAGE_REVENUE));

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for metrics computed over visits (booked where the visit started), not over events. */
    public boolean goalOnly() {
        return !STANDARD.contains(this);
    }

    public boolean visitLevel() {
        return this == VISITS || this == VIEWS_PER_VISIT || this == BOUNCE_RATE || this == VISIT_DURATION;
    }

    public static Metric parse(String text) {
        for (Metric m : values()) {
            if (m.wireName().equals(text)) {
                return m;
            }
        }
        throw new InvalidFieldException("metrics", "unknown metric '" + text + "'");
    }

    /** Comma-separated metric names; empty means {@code visitors}. */
    public static List<Metric> parseList(String text) {
        if (text == null || text.isBlank()) {
            return List.of(VISITORS);
        }
        List<Metric> metrics = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            Metric m = parse(part.strip());
            if (metrics.contains(m)) {
                throw new InvalidFieldException("metrics", "metric '" + part.strip() + "' is listed twice");
            }
            metrics.add(m);
        }
        return List.copyOf(metrics);
    }
}
