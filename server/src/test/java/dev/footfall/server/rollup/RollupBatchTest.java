package dev.footfall.server.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The delta log's encoding, the days derived from the hours, and the summing of many batches into one fold. */
class RollupBatchTest {
    @Test
    void encodedDeltasDecodeToTheSameRows() {
        RollupBatch batch = randomBatch(new Random(7), 500);
        RollupBatch decoded = RollupBatch.decode(batch.encode());
        assertEquals(batch.hourly().rows(), decoded.hourly().rows());
        assertEquals(batch.daily().rows(), decoded.daily().rows());
        assertEquals(batch.pairs().rows(), decoded.pairs().rows());
    }

    /** What the booking did before days were derived: every delta added to its hour's row and, except hour visitors, to its day's. */
    @Test
    void daysAreTheSumsOfTheirHoursWithoutHourVisitors() {
        Random random = new Random(11);
        RollupBatch batch = new RollupBatch();
        Map<List<Integer>, long[]> hours = new HashMap<>();
        Map<List<Integer>, long[]> days = new HashMap<>();
        for (int i = 0; i < 5_000; i++) {
            int site = 1 + random.nextInt(3);
            RollupDim dim = RollupDim.values()[random.nextInt(RollupDim.values().length)];
            int value = random.nextInt(20);
            int hour = 480_000 + random.nextInt(72);
            Counter counter = Counter.ALL[random.nextInt(Counter.ALL.length)];
            long delta = random.nextInt(7) - 2;
            batch.add(site, dim, value, hour, counter, delta);
            if (delta != 0) {
                hours.computeIfAbsent(List.of(site, dim.code(), value, hour), k -> new long[Counter.ALL.length])[counter.ordinal()] += delta;
                if (counter != Counter.HOUR_VISITORS) {
                    days.computeIfAbsent(List.of(site, dim.code(), value, Math.floorDiv(hour, 24)),
                            k -> new long[Counter.ALL.length])[counter.ordinal()] += delta;
                }
            }
        }
        assertSameRows(sorted(hours), batch.hourly().rows());
        // A day row whose deltas cancel out changes nothing, whether it is written or not.
        days.values().removeIf(counters -> Arrays.stream(counters).allMatch(c -> c == 0));
        assertSameRows(sorted(days), batch.daily().rows().stream()
                .filter(row -> row.counters().stream().anyMatch(c -> c != 0)).toList());
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
        a.add(1, RollupDim.TOTAL, 0, 10, Counter.PAGEVIEWS, 3);
        a.add(1, RollupDim.TOTAL, 0, 10, Counter.BOUNCES, 1);
        RollupBatch b = new RollupBatch();
        b.add(1, RollupDim.TOTAL, 0, 10, Counter.PAGEVIEWS, 2);
        b.add(1, RollupDim.TOTAL, 0, 10, Counter.BOUNCES, -1);
        b.add(1, RollupDim.TOTAL, 0, 11, Counter.PAGEVIEWS, 5);
        a.addAll(b);
        List<RowTable.Row> hours = a.hourly().rows();
        assertEquals(2, hours.size());
        assertEquals(5L, hours.getFirst().counters().get(Counter.PAGEVIEWS.ordinal()));
        assertEquals(0L, hours.getFirst().counters().get(Counter.BOUNCES.ordinal()));
        assertEquals(10L, a.daily().rows().getFirst().counters().get(Counter.PAGEVIEWS.ordinal()));
    }

    /** Rows come back in primary-key order, the high column of each packed pair compared as a signed int. */
    @Test
    void rowsComeInPrimaryKeyOrder() {
        RollupBatch batch = new RollupBatch();
        batch.add(2, RollupDim.TOTAL, 0, 5, Counter.EVENTS, 1);
        batch.add(1, RollupDim.PAGE, Integer.MAX_VALUE, 5, Counter.EVENTS, 1);
        batch.add(1, RollupDim.PAGE, 3, 7, Counter.EVENTS, 1);
        batch.add(1, RollupDim.PAGE, 3, 6, Counter.EVENTS, 1);
        batch.add(1, RollupDim.TOTAL, 0, 9, Counter.EVENTS, 1);
        List<List<Integer>> keys = batch.hourly().rows().stream().map(RowTable.Row::key).toList();
        assertEquals(List.of(List.of(1, RollupDim.TOTAL.code(), 0, 9), List.of(1, RollupDim.PAGE.code(), 3, 6),
                List.of(1, RollupDim.PAGE.code(), 3, 7), List.of(1, RollupDim.PAGE.code(), Integer.MAX_VALUE, 5),
                List.of(2, RollupDim.TOTAL.code(), 0, 5)), keys);
    }

    /** Equal lists of rows, or a failure naming the first row that differs (the lists are long). */
    private static void assertSameRows(List<RowTable.Row> expected, List<RowTable.Row> actual) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), "row " + i);
        }
        assertEquals(expected.size(), actual.size(), "rows");
    }

    private static RollupBatch randomBatch(Random random, int adds) {
        RollupBatch batch = new RollupBatch();
        for (int i = 0; i < adds; i++) {
            RollupDim dim = RollupDim.values()[random.nextInt(RollupDim.values().length)];
            Counter counter = Counter.ALL[random.nextInt(Counter.ALL.length)];
            long delta = random.nextInt(3) == 0 ? -random.nextInt(5) - 1 : random.nextLong(1L << 40);
            int value = random.nextInt(3) == 0 ? 0 : random.nextInt(Integer.MAX_VALUE);
            batch.add(1 + random.nextInt(3), dim, value, 480_000 + random.nextInt(48), counter, delta);
            batch.addPair(1, RollupDim.SOURCE, random.nextInt(40), dim, value, 20_000, counter, delta);
        }
        return batch;
    }

    private static List<RowTable.Row> sorted(Map<List<Integer>, long[]> rows) {
        List<RowTable.Row> list = new ArrayList<>();
        rows.forEach((key, counters) -> list.add(new RowTable.Row(key, Arrays.stream(counters).boxed().toList())));
        list.sort((a, b) -> {
            for (int i = 0; i < a.key().size(); i++) {
                int c = Integer.compare(a.key().get(i), b.key().get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        return list;
    }
}
