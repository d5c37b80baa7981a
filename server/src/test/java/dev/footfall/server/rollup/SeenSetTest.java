package dev.footfall.server.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seen set's text form reads back as written, including the forms written by earlier releases. */
class SeenSetTest {
    @Test
    void roundTrips() {
        Map<String, Long> seen = new LinkedHashMap<>();
        seen.put("0.0", 1L);
        seen.put("3.123456", 1L << 23);
        seen.put("2/17/9.5", 1L);
        seen.put("11.-1", 0xFFFFFFL);
        assertEquals(seen, SeenSet.decode(SeenSet.encode(seen)));
    }

    @Test
    void readsTextOfEarlierReleasesAndNothing() {
        assertEquals(Map.of("1.5", 4L, "2/3/1.5", 1L), SeenSet.decode("1.5=4;2/3/1.5=1"));
        assertTrue(SeenSet.decode(null).isEmpty());
        assertTrue(SeenSet.decode("").isEmpty());
    }
}
