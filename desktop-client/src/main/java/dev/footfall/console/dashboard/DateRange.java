package dev.footfall.console.dashboard;

import dev.footfall.model.stats.Period;
import dev.footfall.model.stats.StatsQuery;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/**
 * A selected date range: a preset resolved against "today", or a custom span. The API gets the
 * preset's own period name ({@code 7d}, {@code month}, ...) so the server applies the site's
 * time zone; a shifted or picked range is sent as {@code custom} with both dates.
 */
public record DateRange(DatePreset preset, LocalDate from, LocalDate to) {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM);

    public DateRange {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("range starts " + from + " after it ends " + to);
        }
    }

    public static DateRange of(DatePreset preset, LocalDate today) {
        LocalDate month = today.withDayOfMonth(1);
        return switch (preset) {
            case TODAY, CUSTOM -> new DateRange(preset, today, today);
            case YESTERDAY -> new DateRange(preset, today.minusDays(1), today.minusDays(1));
            case LAST_7_DAYS -> new DateRange(preset, today.minusDays(6), today);
            case LAST_30_DAYS -> new DateRange(preset, today.minusDays(29), today);
            case THIS_MONTH -> new DateRange(preset, month, today);
            case LAST_MONTH -> new DateRange(preset, month.minusMonths(1), month.minusDays(1));
            case LAST_6_MONTHS -> new DateRange(preset, month.minusMonths(5), today);
            case LAST_12_MONTHS -> new DateRange(preset, month.minusMonths(11), today);
        };
    }

    public static DateRange custom(LocalDate from, LocalDate to) {
        return from.isAfter(to) ? new DateRange(DatePreset.CUSTOM, to, from) : new DateRange(DatePreset.CUSTOM, from, to);
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /**
     * The stats query of this range for {@code siteId}: the preset's own period ({@code 7d},
     * {@code month}, ...) with its anchor day when it is not today, a custom range as both days.
     */
    public StatsQuery query(String siteId) {
        return switch (preset) {
            case TODAY -> StatsQuery.of(siteId, Period.DAY, Optional.empty());
            case YESTERDAY -> StatsQuery.of(siteId, Period.DAY, Optional.of(from));
            case LAST_7_DAYS -> StatsQuery.of(siteId, Period.DAYS_7, Optional.empty());
            case LAST_30_DAYS -> StatsQuery.of(siteId, Period.DAYS_30, Optional.empty());
            case THIS_MONTH -> StatsQuery.of(siteId, Period.MONTH, Optional.empty());
            case LAST_MONTH -> StatsQuery.of(siteId, Period.MONTH, Optional.of(from));
            case LAST_6_MONTHS -> StatsQuery.of(siteId, Period.MONTHS_6, Optional.empty());
            case LAST_12_MONTHS -> StatsQuery.of(siteId, Period.MONTHS_12, Optional.empty());
            case CUSTOM -> days() == 1 ? StatsQuery.of(siteId, Period.DAY, Optional.of(from)) : StatsQuery.custom(siteId, from, to);
        };
    }

    /**
     * The period {@code compare=previous_period} compares with, as the server reads it: the same
     * number of days just before the range the server answers, which for the month presets runs
     * to the end of the last month (so the chart's previous line has as many buckets as its own).
     */
    public DateRange previous() {
        LocalDate end = switch (preset) {
            case THIS_MONTH, LAST_MONTH, LAST_6_MONTHS, LAST_12_MONTHS -> to.with(TemporalAdjusters.lastDayOfMonth());
            default -> to;
        };
        long span = ChronoUnit.DAYS.between(from, end) + 1;
        return custom(from.minusDays(span), from.minusDays(1));
    }

    /** Hours for a day, days up to two months, weeks up to about six months, months beyond. */
    public Interval defaultInterval() {
        long days = days();
        if (days <= 1) {
            return Interval.HOUR;
        }
        if (days <= 62) {
            return Interval.DAY;
        }
        return days <= 190 ? Interval.WEEK : Interval.MONTH;
    }

    /** The same span moved one period back ({@code -1}) or forward ({@code +1}): months stay whole. */
    public DateRange shift(int direction) {
        boolean wholeMonths = from.getDayOfMonth() == 1
                && (to.equals(to.with(TemporalAdjusters.lastDayOfMonth())) || preset == DatePreset.THIS_MONTH
                    || preset == DatePreset.LAST_6_MONTHS || preset == DatePreset.LAST_12_MONTHS);
        if (wholeMonths) {
            long months = ChronoUnit.MONTHS.between(from, to.withDayOfMonth(1)) + 1;
            LocalDate start = from.plusMonths(direction * months);
            return custom(start, start.plusMonths(months).minusDays(1));
        }
        long days = days();
        return custom(from.plusDays(direction * days), to.plusDays(direction * days));
    }

    public String label() {
        if (preset != DatePreset.CUSTOM) {
            return preset.label();
        }
        return days() == 1 ? DAY.format(from) : DAY.format(from) + " – " + DAY.format(to);
    }

    /** Whether a range one step later would still start on or before {@code today}. */
    public boolean hasNext(LocalDate today) {
        return to.isBefore(today);
    }
}
