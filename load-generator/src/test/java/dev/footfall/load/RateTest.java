package dev.footfall.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RateTest {
    @ParameterizedTest(name = "{0} = {1}/s")
    @CsvSource({
            "5/s, 5.0",
            "5, 5.0",
            "300/m, 5.0",
            "9000/h, 2.5",
            "0.5/s, 0.5",
            "' 12 / S ', 12.0",
            "1/min, 0.016666666666666666"})
    void parsesRates(String text, double perSecond) {
        assertEquals(perSecond, Rate.parse(text).perSecond(), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fast", "5/d", "0/s", "-3/s", "/s"})
    void rejectsNonsense(String text) {
        assertThrows(IllegalArgumentException.class, () -> Rate.parse(text));
    }

    @ParameterizedTest(name = "{0} → {1} ns between events")
    @CsvSource({"5/s, 200000000", "300/m, 200000000", "1000000/s, 1000", "3/s, 333333333"})
    void intervalBetweenEvents(String text, long nanos) {
        assertEquals(nanos, Rate.parse(text).intervalNanos());
    }
}
