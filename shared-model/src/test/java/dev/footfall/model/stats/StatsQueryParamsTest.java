package dev.footfall.model.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the console sends ({@link StatsQuery#toParams}) is what the server reads ({@link StatsQuery#fromParams}). */
class StatsQueryParamsTest {
    @Test
    void everyParameterRoundTrips() {
        List<StatsQuery> queries = List.of(
                StatsQuery.of("a.example", Period.DAYS_7, Optional.empty()),
                StatsQuery.of("a.example", Period.MONTH, Optional.of(LocalDate.of(2026, 2, 1))).withCompare(true)
                        .withMetrics(List.of(Metric.VISITORS, Metric.BOUNCE_RATE, Metric.TIME_ON_PAGE)),
                StatsQuery.custom("a.example", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31)).withInterval(Interval.WEEK)
                        .withBreakdown(Property.parse("event:props:plan", "property"), 10)
                        .withFilters(Filter.parseAll("visit:browser!=Chrome;event:page~blog;visit:country==DE|FR")));
        for (StatsQuery q : queries) {
            assertEquals(q, StatsQuery.fromParams(q.toParams()), q.toParams().toString());
        }
        assertEquals("visit:browser!=Chrome;event:page~blog;visit:country==DE|FR", queries.get(2).toParams().get("filters"));
    }
}
