package dev.footfall.server.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The limits {@link SpoolSettings} accepts, and what they imply. */
class SpoolSettingsTest {
    @ParameterizedTest(name = "SpoolSettings({0}, {1}, {2})")
    @CsvSource({
        "4096, 1023,       0",       // segment below 1 KiB
        "4096, 2147483648, 0",       // segment above 1 GiB
        "1024, 2048,       0",       // limit smaller than one segment
        "4096, 1024,       -1",      // negative wait
        "4096, 1024,       1000001", // wait above a second
    })
    void settingsOutsideTheirRangesAreRefused(long maxBytes, long segmentBytes, int waitMicros) {
        assertThrows(IllegalArgumentException.class, () -> new SpoolSettings(maxBytes, segmentBytes, waitMicros));
    }

    @ParameterizedTest(name = "SpoolSettings({0}, {1}, {2})")
    @CsvSource({"1024, 1024, 0", "1073741824, 1073741824, 1000000"})
    void theBoundsThemselvesAreAccepted(long maxBytes, long segmentBytes, int waitMicros) {
        assertEquals(segmentBytes - 16, new SpoolSettings(maxBytes, segmentBytes, waitMicros).maxPayloadBytes());
    }

    @Test
    void defaultsAreAGibibyteIn64MibSegmentsWithoutWaiting() {
        assertEquals(new SpoolSettings(1L << 30, 64L << 20, 0), SpoolSettings.defaults());
    }
}
