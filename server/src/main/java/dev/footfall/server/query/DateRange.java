package dev.footfall.server.query;

import dev.footfall.model.stats.StatsQuery;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * A range of whole site-local days, both ends inclusive, and its two storage forms: rollup
 * bucket numbers ({@code bucket_day = toEpochDay()}, {@code bucket_hour = day * 24 + hour}) and
 * epoch-millisecond bounds for raw rows (start of the first local day, start of the day after
 * the last, so days with a DST change are 23 or 25 hours long).
 */
public record DateRange(LocalDate from, LocalDate to) {
    public DateRange {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("range ends before it starts: " + from + ".." + to);
        }
    }

    /** The range a query's period names, anchored at its {@code date} or {@code today}. */
    public static DateRange of(StatsQuery q, LocalDate today) {
        LocalDate anchor = q.date().orElse(today);
        return switch (q.period()) {
            case DAY -> new DateRange(anchor, anchor);
            case DAYS_7 -> new DateRange(anchor.minusDays(6), anchor);
            case DAYS_30 -> new DateRange(anchor.minusDays(29), anchor);
            case MONTH -> new DateRange(anchor.withDayOfMonth(1), anchor.with(TemporalAdjusters.lastDayOfMonth()));
            case MONTHS_6 -> new DateRange(anchor.withDayOfMonth(1).minusMonths(5), anchor.with(TemporalAdjusters.lastDayOfMonth()));
            case MONTHS_12 -> new DateRange(anchor.withDayOfMonth(1).minusMonths(11), anchor.with(TemporalAdjusters.lastDayOfMonth()));
            case CUSTOM -> new DateRange(q.customFrom().orElseThrow(), q.customTo().orElseThrow());
        };
    }

    /** The same number of days immediately before this range. */
    public DateRange previous() {
        long days = days();
        return new DateRange(from.minusDays(days), from.minusDays(1));
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    public int firstDay() {
        return (int) from.toEpochDay();
    }

    public int lastDay() {
        return (int) to.toEpochDay();
    }

    public int firstHour() {
        return firstDay() * 24;
    }

    public int lastHour() {
        return lastDay() * 24 + 23;
    }

    public long startMs(ZoneId zone) {
        return from.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    public long endMs(ZoneId zone) {
        return to.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    }
}
