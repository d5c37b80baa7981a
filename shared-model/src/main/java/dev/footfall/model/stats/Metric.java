package dev.footfall.model.stats;

import dev.footfall.model.InvalidFieldException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A number the stats API reports, named as in Plausible's Stats API v1. Counts are whole
 * numbers; {@code views_per_visit} has two decimals; {@code bounce_rate} is a whole percentage;
 * {@code visit_duration} and {@code time_on_page} are whole seconds.
 */
public enum Metric {
    VISITORS,
    VISITS,
    PAGEVIEWS,
    VIEWS_PER_VISIT,
    BOUNCE_RATE,
    VISIT_DURATION,
    EVENTS,
    TIME_ON_PAGE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for metrics computed over visits (booked where the visit started), not over events. */
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
