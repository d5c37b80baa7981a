package dev.footfall.load.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CountCheckTest {
    @ParameterizedTest(name = "{0} → {1} stored, {2} acknowledged, {3} uncertain: {4}")
    @CsvSource({
            "100, 200, 100, 0, EXACT, true",
            "100, 205, 100, 5, EXPLAINED_EXTRA, true",
            "100, 206, 100, 5, UNEXPLAINED_EXTRA, false",
            "100, 199, 100, 9, MISSING, false",
            "0, 0, 0, 0, EXACT, true"})
    void storedAgainstAcknowledged(long before, long after, long acknowledged, long uncertain, CountCheck.Verdict verdict,
                                   boolean passed) {
        CountCheck check = new CountCheck(before, after, acknowledged, uncertain);
        assertEquals(verdict, check.verdict());
        assertEquals(passed, check.passed());
    }
}
