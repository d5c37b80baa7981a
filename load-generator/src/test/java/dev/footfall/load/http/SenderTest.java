package dev.footfall.load.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.footfall.load.stats.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SenderTest {
    @ParameterizedTest(name = "{0}, dropped header {1} → {2}")
    @CsvSource({
            "202, false, ACCEPTED",
            "201, false, ACCEPTED",
            "202, true, DROPPED",
            "200, false, FAILED",
            "204, false, FAILED",
            "400, false, REJECTED",
            "413, false, REJECTED",
            "429, false, REJECTED",
            "500, false, FAILED",
            "503, false, FAILED"})
    void onlyAcceptedOrDroppedAnswersAreAcknowledgements(int status, boolean dropped, Outcome outcome) {
        assertEquals(outcome, Sender.classify(status, dropped));
    }
}
