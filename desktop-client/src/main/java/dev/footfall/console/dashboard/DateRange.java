package dev.footfall.console.dashboard;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

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

    /** The API's {@code period}. */
    public String period() {
        return switch (preset) {
            case TODAY, YESTERDAY -> "day";
            case LAST_7_DAYS -> "7d";
            case LAST_30_DAYS -> "30d";
            case THIS_MONTH, LAST_MONTH -> "month";
            case LAST_6_MONTHS -> "6mo";
            case LAST_12_MONTHS -> "12mo";
            case CUSTOM -> days() == 1 ? "day" : "custom";
        };
    }

    /** The API's {@code date}: the anchor of a past preset, both ends of a custom range, else none. */
    public String date() {
        return switch (preset) {
            case YESTERDAY, LAST_MONTH -> from.toString();
            case CUSTOM -> days() == 1 ? from.toString() : from + "," + to;
            default -> null;
        };
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
