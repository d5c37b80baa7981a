package dev.footfall.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {
    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({
            "30s, 30000",
            "5m, 300000",
            "1h, 3600000",
            "1h30m, 5400000",
            "1m30s, 90000",
            "250ms, 250",
            "1.5s, 1500",
            "2d, 172800000",
            "45, 45000",
            "PT20S, 20000",
            "' 10S ', 10000"})
    void parsesDurations(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), DurationText.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "10x", "s30", "10s garbage", "-5s"})
    void rejectsNonsense(String text) {
        assertThrows(RuntimeException.class, () -> DurationText.parse(text));
    }

    @ParameterizedTest(name = "{0} ms → {1}")
    @CsvSource({"250, 250ms", "30000, 30s", "65000, 1m05s"})
    void formatsShort(long millis, String text) {
        assertEquals(text, DurationText.format(Duration.ofMillis(millis)));
    }
}
