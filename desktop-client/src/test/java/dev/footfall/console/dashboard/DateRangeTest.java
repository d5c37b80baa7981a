package dev.footfall.console.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DateRangeTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 18);

    @Test
    void presetsUseTheApiPeriodNames() {
        DateRange week = DateRange.of(DatePreset.LAST_7_DAYS, TODAY);
        assertEquals("7d", week.period());
        assertNull(week.date());
        assertEquals(LocalDate.of(2026, 3, 12), week.from());
        assertEquals(Interval.DAY, week.defaultInterval());
        DateRange lastMonth = DateRange.of(DatePreset.LAST_MONTH, TODAY);
        assertEquals("month", lastMonth.period());
        assertEquals("2026-02-01", lastMonth.date());
        assertEquals(LocalDate.of(2026, 2, 28), lastMonth.to());
        assertEquals(Interval.HOUR, DateRange.of(DatePreset.YESTERDAY, TODAY).defaultInterval());
        assertEquals(Interval.MONTH, DateRange.of(DatePreset.LAST_12_MONTHS, TODAY).defaultInterval());
    }

    @Test
    void shiftingMovesWholeMonthsOrTheSameNumberOfDays() {
        DateRange previous = DateRange.of(DatePreset.THIS_MONTH, TODAY).shift(-1);
        assertEquals(DateRange.custom(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28)), previous);
        assertEquals("custom", previous.period());
        assertEquals("2026-02-01,2026-02-28", previous.date());
        DateRange week = DateRange.of(DatePreset.LAST_7_DAYS, TODAY).shift(-1);
        assertEquals(DateRange.custom(LocalDate.of(2026, 3, 5), LocalDate.of(2026, 3, 11)), week);
        DateRange day = DateRange.of(DatePreset.TODAY, TODAY).shift(-1);
        assertEquals("day", day.period());
        assertEquals("2026-03-17", day.date());
    }
}
