package dev.footfall.server.rollup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The delta log's encoding and the summing of many batches into one fold. */
class RollupBatchTest {
    @Test
    void encodedDeltasDecodeToTheSameRows() {
        Random random = new Random(7);
        RollupBatch batch = new RollupBatch();
        for (int i = 0; i < 500; i++) {
            RollupDim dim = RollupDim.values()[random.nextInt(RollupDim.values().length)];
            Counter counter = Counter.ALL[random.nextInt(Counter.ALL.length)];
            long delta = random.nextInt(3) == 0 ? -random.nextInt(5) - 1 : random.nextLong(1L << 40);
            int value = random.nextInt(3) == 0 ? 0 : random.nextInt(Integer.MAX_VALUE);
            batch.add(1 + random.nextInt(3), dim, value, 480_000 + random.nextInt(48), 20_000 + random.nextInt(2), counter, delta);
            batch.addPair(1, RollupDim.SOURCE, random.nextInt(40), dim, value, 20_000, counter, delta);
        }
        RollupBatch decoded = RollupBatch.decode(batch.encode());
        assertRows(batch.hourlyRows(), decoded.hourlyRows());
        assertRows(batch.dailyRows(), decoded.dailyRows());
        assertRows(batch.pairRows(), decoded.pairRows());
    }

    @Test
    void anEmptyBatchEncodesToThreeBytes() {
        RollupBatch empty = new RollupBatch();
        assertTrue(empty.isEmpty());
        assertEquals(3, empty.encode().length);
        assertTrue(RollupBatch.decode(empty.encode()).isEmpty());
    }

    @Test
    void trailingBytesAreRefused() {
        byte[] bytes = Arrays.copyOf(new RollupBatch().encode(), 4);
        assertThrows(IllegalArgumentException.class, () -> RollupBatch.decode(bytes));
    }

    @Test
    void addAllSumsTheDeltasOfTheSameRow() {
        RollupBatch a = new RollupBatch();
        a.add(1, RollupDim.TOTAL, 0, 10, 1, Counter.PAGEVIEWS, 3);
        a.add(1, RollupDim.TOTAL, 0, 10, 1, Counter.BOUNCES, 1);
        RollupBatch b = new RollupBatch();
        b.add(1, RollupDim.TOTAL, 0, 10, 1, Counter.PAGEVIEWS, 2);
        b.add(1, RollupDim.TOTAL, 0, 10, 1, Counter.BOUNCES, -1);
        b.add(1, RollupDim.TOTAL, 0, 11, 1, Counter.PAGEVIEWS, 5);
        a.addAll(b);
        List<Map.Entry<RollupBatch.Key, long[]>> hours = a.hourlyRows();
        assertEquals(2, hours.size());
        assertEquals(5, hours.getFirst().getValue()[Counter.PAGEVIEWS.ordinal()]);
        assertEquals(0, hours.getFirst().getValue()[Counter.BOUNCES.ordinal()]);
        assertEquals(10, a.dailyRows().getFirst().getValue()[Counter.PAGEVIEWS.ordinal()]);
    }

    private static <K> void assertRows(List<Map.Entry<K, long[]>> expected, List<Map.Entry<K, long[]>> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).getKey(), actual.get(i).getKey());
            assertArrayEquals(expected.get(i).getValue(), actual.get(i).getValue());
        }
    }
}
