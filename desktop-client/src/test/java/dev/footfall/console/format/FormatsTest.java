package dev.footfall.console.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.footfall.model.stats.Metric;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FormatsTest {
    record Case(Locale locale, Metric metric, double value, String expected) {
    }

    static Stream<Case> metrics() {
        return Stream.of(
                new Case(Locale.US, Metric.VISITORS, 1234567, "1,234,567"),
                new Case(Locale.GERMANY, Metric.VISITORS, 1234567, "1.234.567"),
                new Case(Locale.US, Metric.VIEWS_PER_VISIT, 2.456, "2.46"),
                new Case(Locale.GERMANY, Metric.VIEWS_PER_VISIT, 2.5, "2,5"),
                new Case(Locale.US, Metric.BOUNCE_RATE, 42, "42%"),
                new Case(Locale.US, Metric.VISIT_DURATION, 151, "2m 31s"),
                new Case(Locale.US, Metric.VISIT_DURATION, 45, "45s"),
                new Case(Locale.US, Metric.VISIT_DURATION, 3900, "1h 5m"),
                new Case(Locale.US, Metric.VISIT_DURATION, 0.4, "0s"));
    }

    @ParameterizedTest
    @MethodSource("metrics")
    void formatsMetricsForTheLocale(Case c) {
        assertEquals(c.expected(), new Formats(c.locale()).metric(c.metric(), c.value()));
    }

    record Change(double percent, String expected) {
    }

    static Stream<Change> changes() {
        return Stream.of(new Change(12.5, "+12.5%"), new Change(-3, "\u22123%"), new Change(0, "0%"));
    }

    @ParameterizedTest
    @MethodSource("changes")
    void signsChanges(Change c) {
        assertEquals(c.expected(), new Formats(Locale.US).change(c.percent()));
    }
}
