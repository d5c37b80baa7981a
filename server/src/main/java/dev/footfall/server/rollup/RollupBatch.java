package dev.footfall.server.rollup;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Counter deltas of one write batch, summed per rollup row before they reach the database, so a
 * batch of 2,000 events on one site touches each (dimension value, hour) row once. Hourly and
 * daily rows get the same deltas except {@link Counter#HOUR_VISITORS}, which only hours keep.
 */
public final class RollupBatch {
    /** Row key of either table: bucket is the site-local hour or day number. */
    public record Key(int siteId, int dim, int valueId, int bucket) {
        /** The key columns' values, in column order (the upserts and the delta log). */
        int[] columns() {
            return new int[] {siteId, dim, valueId, bucket};
        }
    }

    /** Row key of {@code rollup_pair_daily}: a dimension value's day within one value of a filter dimension. */
    public record PairKey(int siteId, int filterDim, int filterValueId, int dim, int valueId, int bucket) {
        /** The key columns' values, in column order (the upserts and the delta log). */
        int[] columns() {
            return new int[] {siteId, filterDim, filterValueId, dim, valueId, bucket};
        }
    }

    static final Comparator<PairKey> PAIR_KEY_ORDER = Comparator.comparingInt(PairKey::siteId).thenComparingInt(PairKey::filterDim)
            .thenComparingInt(PairKey::filterValueId).thenComparingInt(PairKey::dim).thenComparingInt(PairKey::valueId)
            .thenComparingInt(PairKey::bucket);

    static final Comparator<Key> PRIMARY_KEY_ORDER = Comparator.comparingInt(Key::siteId)
            .thenComparingInt(Key::dim).thenComparingInt(Key::valueId).thenComparingInt(Key::bucket);

    /** Summed deltas per hourly row; emptied only by a new batch. */
    private final Map<Key, long[]> hourly = new HashMap<>();
    /** Summed deltas per daily row; emptied only by a new batch. */
    private final Map<Key, long[]> daily = new HashMap<>();

    /** Summed deltas per pair row (daily only); emptied only by a new batch. */
    private final Map<PairKey, long[]> pairs = new HashMap<>();

    /** Adds {@code delta} to one counter of a dimension value's day within a filter value; hourly counters have no pair rows. */
    public void addPair(int siteId, RollupDim filter, int filterValueId, RollupDim dim, int valueId, int day, Counter counter, long delta) {
        if (delta == 0 || counter == Counter.HOUR_VISITORS) {
            return;
        }
        pairs.computeIfAbsent(new PairKey(siteId, filter.code(), filterValueId, dim.code(), valueId, day),
                k -> new long[Counter.ALL.length])[counter.ordinal()] += delta;
    }

    /** Adds {@code delta} to one counter of the (hour, day) rows of a dimension value. */
    public void add(int siteId, RollupDim dim, int valueId, int hour, int day, Counter counter, long delta) {
        if (delta == 0) {
            return;
        }
        hourly.computeIfAbsent(new Key(siteId, dim.code(), valueId, hour), k -> new long[Counter.ALL.length])[counter.ordinal()] += delta;
        if (counter != Counter.HOUR_VISITORS) {
            daily.computeIfAbsent(new Key(siteId, dim.code(), valueId, day), k -> new long[Counter.ALL.length])[counter.ordinal()] += delta;
        }
    }

    /**
     * Adds a vector of deltas (indexed by {@link Counter#ordinal}) to the (hour, day) rows of a
     * dimension value: one map lookup a row for all its counters, instead of one a counter. A
     * vector of zeros creates no row, as {@link #add} does not.
     */
    void addAll(int siteId, RollupDim dim, int valueId, int hour, int day, long[] deltas) {
        if (isZero(deltas, false)) {
            return;
        }
        addInto(hourly.computeIfAbsent(new Key(siteId, dim.code(), valueId, hour), k -> new long[Counter.ALL.length]), deltas, false);
        if (!isZero(deltas, true)) {
            addInto(daily.computeIfAbsent(new Key(siteId, dim.code(), valueId, day), k -> new long[Counter.ALL.length]), deltas, true);
        }
    }

    /** {@link #addAll} for a pair row: a dimension value's day within one filter value (no hourly counters). */
    void addPairAll(int siteId, RollupDim filter, int filterValueId, RollupDim dim, int valueId, int day, long[] deltas) {
        if (isZero(deltas, true)) {
            return;
        }
        addInto(pairs.computeIfAbsent(new PairKey(siteId, filter.code(), filterValueId, dim.code(), valueId, day),
                k -> new long[Counter.ALL.length]), deltas, true);
    }

    private static final int HOUR_ONLY = Counter.HOUR_VISITORS.ordinal();

    private static boolean isZero(long[] deltas, boolean dailyRow) {
        for (int i = 0; i < deltas.length; i++) {
            if (deltas[i] != 0 && !(dailyRow && i == HOUR_ONLY)) {
                return false;
            }
        }
        return true;
    }

    private static void addInto(long[] row, long[] deltas, boolean dailyRow) {
        for (int i = 0; i < deltas.length; i++) {
            if (!(dailyRow && i == HOUR_ONLY)) {
                row[i] += deltas[i];
            }
        }
    }

    public boolean isEmpty() {
        return hourly.isEmpty() && pairs.isEmpty();
    }

    /** Adds every delta of {@code other} to this batch: many batches' deltas become one write. */
    public void addAll(RollupBatch other) {
        addAll(hourly, other.hourly);
        addAll(daily, other.daily);
        addAll(pairs, other.pairs);
    }

    private static <K> void addAll(Map<K, long[]> into, Map<K, long[]> from) {
        from.forEach((key, deltas) -> {
            long[] sum = into.computeIfAbsent(key, k -> new long[Counter.ALL.length]);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += deltas[i];
            }
        });
    }

    /**
     * The deltas as bytes for the {@code rollup_deltas} log: per table a row count, then per row
     * its key, a bit set of its non-zero counters and those counters, all as zigzag varints
     * (a batch of 100 events, about 900 rows, takes about 10 KB).
     */
    public byte[] encode() {
        Varints out = new Varints();
        encode(out, hourly, Key::columns);
        encode(out, daily, Key::columns);
        encode(out, pairs, PairKey::columns);
        return out.toByteArray();
    }

    /** The batch {@link #encode} wrote. */
    public static RollupBatch decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        RollupBatch batch = new RollupBatch();
        decode(in, batch.hourly, 4, k -> new Key(k[0], k[1], k[2], k[3]));
        decode(in, batch.daily, 4, k -> new Key(k[0], k[1], k[2], k[3]));
        decode(in, batch.pairs, 6, k -> new PairKey(k[0], k[1], k[2], k[3], k[4], k[5]));
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("rollup deltas: " + in.remaining() + " bytes after the last row");
        }
        return batch;
    }

    private static <K> void encode(Varints out, Map<K, long[]> rows, Function<K, int[]> columns) {
        out.put(rows.size());
        rows.forEach((key, deltas) -> {
            for (int part : columns.apply(key)) {
                out.put(part);
            }
            long present = 0;
            for (int i = 0; i < deltas.length; i++) {
                present |= deltas[i] != 0 ? 1L << i : 0;
            }
            out.put(present);
            for (long delta : deltas) {
                if (delta != 0) {
                    out.put(delta);
                }
            }
        });
    }

    private static <K> void decode(ByteBuffer in, Map<K, long[]> rows, int keyParts, Function<int[], K> key) {
        long count = Varints.read(in);
        for (long r = 0; r < count; r++) {
            int[] parts = new int[keyParts];
            for (int i = 0; i < keyParts; i++) {
                parts[i] = Math.toIntExact(Varints.read(in));
            }
            long present = Varints.read(in);
            long[] deltas = new long[Counter.ALL.length];
            for (int i = 0; i < deltas.length; i++) {
                if ((present & 1L << i) != 0) {
                    deltas[i] = Varints.read(in);
                }
            }
            rows.put(key.apply(parts), deltas);
        }
    }

    /** Zigzag LEB128 varints: small numbers of either sign take one or two bytes. */
    private static final class Varints {
        private byte[] bytes = new byte[4096];
        private int size;

        void put(long value) {
            if (size + 10 > bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            long v = (value << 1) ^ (value >> 63);
            while ((v & ~0x7FL) != 0) {
                bytes[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            bytes[size++] = (byte) v;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }

        static long read(ByteBuffer in) {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = in.get();
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return (v >>> 1) ^ -(v & 1);
                }
            }
            throw new IllegalArgumentException("rollup deltas: varint longer than 64 bits");
        }
    }

    /** Rows in primary-key order, so concurrent writers take row locks in the same order. */
    List<Map.Entry<Key, long[]>> hourlyRows() {
        return sorted(hourly);
    }

    List<Map.Entry<Key, long[]>> dailyRows() {
        return sorted(daily);
    }

    List<Map.Entry<PairKey, long[]>> pairRows() {
        return pairs.entrySet().stream().sorted(Map.Entry.comparingByKey(PAIR_KEY_ORDER)).toList();
    }

    private static List<Map.Entry<Key, long[]>> sorted(Map<Key, long[]> rows) {
        return rows.entrySet().stream().sorted(Map.Entry.comparingByKey(PRIMARY_KEY_ORDER)).toList();
    }
}
