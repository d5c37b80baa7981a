package dev.footfall.server.query;

import dev.footfall.model.stats.Interval;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The buckets of a timeseries, all of them (empty ones report zeros), with their labels:
 * {@code 2026-11-01 13:00:00} for hours, {@code 2026-11-01} for days, the Monday (or the range's
 * first day) for weeks, the first of the month (or the range's first day) for months. Hours are
 * site-local clock hours, 24 per day: on a spring-forward day the skipped hour stays empty, on
 * an autumn day the repeated hour is one bucket, as in the rollups.
 */
final class Timeline {
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:00:00");

    /** Label of each bucket, keyed by its first hour or day number, in time order. */
    private final Map<Integer, String> labels = new LinkedHashMap<>();
    private final Interval interval;
    private final DateRange range;

    Timeline(DateRange range, Interval interval) {
        this.range = range;
        this.interval = interval;
        if (interval == Interval.HOUR) {
            for (int h = range.firstHour(); h <= range.lastHour(); h++) {
                labels.put(h, LocalDateTime.ofEpochSecond(h * 3600L, 0, ZoneOffset.UTC).format(HOUR));
            }
        } else {
            for (LocalDate d = range.from(); !d.isAfter(range.to()); d = d.plusDays(1)) {
                LocalDate start = start(d);
                labels.putIfAbsent((int) start.toEpochDay(), start.toString());
            }
        }
    }

    DateRange range() {
        return range;
    }

    Cell.Grain grain() {
        return interval == Interval.HOUR ? Cell.Grain.HOUR : Cell.Grain.DAY;
    }

    /** The bucket key a cell of {@link #grain()} belongs to. */
    int keyOf(int cellBucket) {
        return interval == Interval.HOUR ? cellBucket : (int) start(LocalDate.ofEpochDay(cellBucket)).toEpochDay();
    }

    List<Integer> keys() {
        return new ArrayList<>(labels.keySet());
    }

    String label(int key) {
        return labels.get(key);
    }

    private LocalDate start(LocalDate d) {
        LocalDate s = switch (interval) {
            case HOUR, DAY -> d;
            case WEEK -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> d.withDayOfMonth(1);
        };
        return s.isBefore(range.from()) ? range.from() : s;
    }
}
