package dev.footfall.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProcessStartTest {
    private static final String REST = " 4194304 101 0 0 0 0 0 0 0 20 0 1 0 %d 3133440 382 18446744073709551615 0 0";

    record Case(String uptime, String comm, long startTicks, long expectedMs) {
        String stat() {
            return "29112 (" + comm + ") R 29108 29108 14796 0 -1" + REST.formatted(startTicks);
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("12865.62 25501.10\n", "java", 1286550, 120),
                new Case("100.00 1.00", "java", 9990, 100),
                new Case("100.00 1.00", "java", 10000, 0),
                new Case("12865.62 25501.10", "a (b) c", 1286000, 5620),
                new Case("12865.62 25501.10", "))", 1286550, 120));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void measuresFromTheStartTicksToUptime(Case c) {
        assertEquals(Duration.ofMillis(c.expectedMs()), ProcessStart.elapsed(c.uptime(), c.stat()));
    }

    @Test
    void rejectsAStartAfterNow() {
        Case c = new Case("1.00 1.00", "java", 500, 0);
        assertThrows(IllegalArgumentException.class, () -> ProcessStart.elapsed(c.uptime(), c.stat()));
    }

    @Test
    void thisProcessStartedBeforeNowAndWithinTheHour() {
        Instant start = ProcessStart.instant();
        Instant now = Instant.now();
        assertTrue(!start.isAfter(now) && start.isAfter(now.minus(Duration.ofHours(1))), start + " vs " + now);
    }
}
