package dev.footfall.console.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import dev.footfall.model.stats.Period;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DateRangeTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 18);

    @Test
    void presetsUseTheApiPeriodNames() {
        DateRange week = DateRange.of(DatePreset.LAST_7_DAYS, TODAY);
        assertEquals(Map.of("site_id", "s", "period", "7d", "metrics", "visitors"), week.query("s").toParams());
        assertEquals(LocalDate.of(2026, 3, 12), week.from());
        assertEquals(Interval.DAY, week.defaultInterval());
        DateRange lastMonth = DateRange.of(DatePreset.LAST_MONTH, TODAY);
        assertEquals(Period.MONTH, lastMonth.query("s").period());
        assertEquals("2026-02-01", lastMonth.query("s").toParams().get("date"));
        assertEquals(LocalDate.of(2026, 2, 28), lastMonth.to());
        assertEquals(Interval.HOUR, DateRange.of(DatePreset.YESTERDAY, TODAY).defaultInterval());
        assertEquals(Interval.MONTH, DateRange.of(DatePreset.LAST_12_MONTHS, TODAY).defaultInterval());
    }

    @Test
    void shiftingMovesWholeMonthsOrTheSameNumberOfDays() {
        DateRange previous = DateRange.of(DatePreset.THIS_MONTH, TODAY).shift(-1);
        assertEquals(DateRange.custom(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28)), previous);
        assertEquals(Period.CUSTOM, previous.query("s").period());
        assertEquals("2026-02-01,2026-02-28", previous.query("s").toParams().get("date"));
        DateRange week = DateRange.of(DatePreset.LAST_7_DAYS, TODAY).shift(-1);
        assertEquals(DateRange.custom(LocalDate.of(2026, 3, 5), LocalDate.of(2026, 3, 11)), week);
        DateRange day = DateRange.of(DatePreset.TODAY, TODAY).shift(-1);
        assertEquals(Period.DAY, day.query("s").period());
        assertEquals("2026-03-17", day.query("s").toParams().get("date"));
    }

    @Test
    void thePreviousPeriodIsTheSameNumberOfDaysBeforeTheRangeTheServerAnswers() {
        assertEquals(DateRange.custom(LocalDate.of(2026, 3, 5), LocalDate.of(2026, 3, 11)),
                DateRange.of(DatePreset.LAST_7_DAYS, TODAY).previous());
        // "This month" is the whole of March for the server: 31 days before it.
        assertEquals(DateRange.custom(LocalDate.of(2026, 1, 29), LocalDate.of(2026, 2, 28)),
                DateRange.of(DatePreset.THIS_MONTH, TODAY).previous());
        assertEquals(DateRange.custom(LocalDate.of(2026, 3, 17), LocalDate.of(2026, 3, 17)), DateRange.of(DatePreset.TODAY, TODAY).previous());
    }
}
