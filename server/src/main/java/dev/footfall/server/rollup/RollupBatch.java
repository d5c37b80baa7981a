package dev.footfall.server.rollup;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Counter deltas of one write batch, summed per rollup row before they reach the database, so a
 * batch of 2,000 events on one site touches each (dimension value, hour) row once. Daily rows are
 * the sums of their hours' rows, {@link Counter#HOUR_VISITORS} left out (it is booked in the hour
 * of the event, like every other event counter, and a visit's counters in the hour of its start),
 * so only hours are booked and the days are derived when the batch is encoded or written: half
 * the row lookups of booking both. The rows live in {@link RowTable}s.
 */
public final class RollupBatch {
    private static final int HOUR_ONLY = Counter.HOUR_VISITORS.ordinal();

    /** Summed deltas per hourly row (site, dim, value, hour); emptied only by a new batch. */
    private final RowTable hourly = new RowTable(4);
    /** Summed deltas per pair row (site, filter dim, filter value, dim, value, day; daily only); emptied only by a new batch. */
    private final RowTable pairs = new RowTable(6);

    /** Adds {@code delta} to one counter of a dimension value's day within a filter value; hourly counters have no pair rows. */
    public void addPair(int siteId, RollupDim filter, int filterValueId, RollupDim dim, int valueId, int day, Counter counter, long delta) {
        if (delta == 0 || counter == Counter.HOUR_VISITORS) {
            return;
        }
        pairs.addInto(pairRow(siteId, filter, filterValueId, dim, valueId, day), counter.ordinal(), delta);
    }

    /** Adds {@code delta} to one counter of the hour row of a dimension value (and so to its day). */
    public void add(int siteId, RollupDim dim, int valueId, int hour, Counter counter, long delta) {
        if (delta != 0) {
            hourly.addInto(hourRow(siteId, dim, valueId, hour), counter.ordinal(), delta);
        }
    }

    /**
     * Adds a vector of deltas (indexed by {@link Counter#ordinal}) to the hour row of a dimension
     * value: one lookup a row for all its counters. A vector of zeros creates no row, as
     * {@link #add} does not.
     */
    void addAll(int siteId, RollupDim dim, int valueId, int hour, long[] deltas) {
        if (!isZero(deltas, -1)) {
            hourly.addInto(hourRow(siteId, dim, valueId, hour), deltas, -1);
        }
    }

    /** {@link #addAll} for a pair row: a dimension value's day within one filter value (no hourly counters). */
    void addPairAll(int siteId, RollupDim filter, int filterValueId, RollupDim dim, int valueId, int day, long[] deltas) {
        if (!isZero(deltas, HOUR_ONLY)) {
            pairs.addInto(pairRow(siteId, filter, filterValueId, dim, valueId, day), deltas, HOUR_ONLY);
        }
    }

    private int hourRow(int siteId, RollupDim dim, int valueId, int hour) {
        return hourly.rowFor(RowTable.pack(siteId, dim.code()), RowTable.pack(valueId, hour), 0);
    }

    private int pairRow(int siteId, RollupDim filter, int filterValueId, RollupDim dim, int valueId, int day) {
        return pairs.rowFor(RowTable.pack(siteId, filter.code()), RowTable.pack(filterValueId, dim.code()), RowTable.pack(valueId, day));
    }

    private static boolean isZero(long[] deltas, int skip) {
        for (int i = 0; i < deltas.length; i++) {
            if (deltas[i] != 0 && i != skip) {
                return false;
            }
        }
        return true;
    }

    public boolean isEmpty() {
        return hourly.isEmpty() && pairs.isEmpty();
    }

    /** Adds every delta of {@code other} to this batch: many batches' deltas become one write. */
    public void addAll(RollupBatch other) {
        hourly.addAll(other.hourly);
        pairs.addAll(other.pairs);
    }

    /** The hour rows (site, dim, value, hour). */
    RowTable hourly() {
        return hourly;
    }

    /** The day rows (site, dim, value, day): the sums of the hour rows without {@link Counter#HOUR_VISITORS}. */
    RowTable daily() {
        RowTable daily = new RowTable(4);
        long[] deltas = new long[Counter.ALL.length];
        for (int row = 0; row < hourly.size(); row++) {
            for (int c = 0; c < deltas.length; c++) {
                deltas[c] = c == HOUR_ONLY ? 0 : hourly.counter(row, c);
            }
            if (!isZero(deltas, -1)) {
                int day = Math.floorDiv(hourly.column(row, 3), 24);
                daily.addInto(daily.rowFor(hourly.packedKey(row, 0), RowTable.pack(hourly.column(row, 2), day), 0), deltas, -1);
            }
        }
        return daily;
    }

    /** The pair rows (site, filter dim, filter value, dim, value, day). */
    RowTable pairs() {
        return pairs;
    }

    /**
     * The deltas as bytes for the {@code rollup_deltas} log: per table (hours, days, pairs) a row
     * count, then per row its key, a bit set of its non-zero counters and those counters, all as
     * zigzag varints (a batch of 100 events, about 900 rows, takes about 10 KB). The days are
     * written though {@link #decode} derives them again, so a server of an older release folding
     * the same log still finds them.
     */
    public byte[] encode() {
        Varints out = new Varints();
        encode(out, hourly);
        encode(out, daily());
        encode(out, pairs);
        return out.toByteArray();
    }

    /** The batch {@link #encode} wrote; its days are derived from its hours, as they always equal their sums. */
    public static RollupBatch decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        RollupBatch batch = new RollupBatch();
        decode(in, batch.hourly);
        decode(in, new RowTable(4));
        decode(in, batch.pairs);
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("rollup deltas: " + in.remaining() + " bytes after the last row");
        }
        return batch;
    }

    private static void encode(Varints out, RowTable rows) {
        out.put(rows.size());
        for (int row = 0; row < rows.size(); row++) {
            for (int c = 0; c < rows.keyColumns(); c++) {
                out.put(rows.column(row, c));
            }
            long present = 0;
            for (int i = 0; i < Counter.ALL.length; i++) {
                present |= rows.counter(row, i) != 0 ? 1L << i : 0;
            }
            out.put(present);
            for (int i = 0; i < Counter.ALL.length; i++) {
                long delta = rows.counter(row, i);
                if (delta != 0) {
                    out.put(delta);
                }
            }
        }
    }

    private static void decode(ByteBuffer in, RowTable rows) {
        long count = Varints.read(in);
        int[] parts = new int[rows.keyColumns()];
        long[] deltas = new long[Counter.ALL.length];
        for (long r = 0; r < count; r++) {
            for (int i = 0; i < parts.length; i++) {
                parts[i] = Math.toIntExact(Varints.read(in));
            }
            long present = Varints.read(in);
            for (int i = 0; i < deltas.length; i++) {
                deltas[i] = (present & 1L << i) != 0 ? Varints.read(in) : 0;
            }
            int offset = rows.rowFor(RowTable.pack(parts[0], parts[1]), RowTable.pack(parts[2], parts[3]),
                    parts.length == 6 ? RowTable.pack(parts[4], parts[5]) : 0);
            rows.addInto(offset, deltas, -1);
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
}
