package dev.footfall.server.rollup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Counter vectors keyed by a row key of 4 or 6 int columns (a rollup table's primary key), summed
 * in place: the booking's hot map. Keys are packed two columns to a {@code long} (the first of a
 * pair in the high half) and found by open addressing over an {@code int} index, and the counters
 * of all rows sit in one {@code long[]}, so adding a delta vector allocates nothing. A JFR profile
 * of the drainer put 13 % of the server's CPU in the {@code HashMap}s of record keys this replaces.
 *
 * <p>Rows keep insertion order; {@link #sortedRows} gives them in primary-key order, which the
 * packed longs compare in as long as every column but a pair's first is not negative (ids,
 * buckets and codes all are not).
 */
final class RowTable {
    /** One row: its key columns and counters (copies). */
    record Row(List<Integer> key, List<Long> counters) {
    }

    private final int keyColumns;
    private final int keyLongs;
    /** Packed keys, {@link #keyLongs} per row, in insertion order; grows, never shrinks. */
    private long[] keys;
    /** Counters, {@link Counter#ALL}{@code .length} per row. */
    private long[] counters;
    /** Open-addressing index: row number + 1, 0 for an empty slot; its length is a power of two. */
    private int[] index = new int[64];
    /** Rows in use. */
    private int size;

    RowTable(int keyColumns) {
        if (keyColumns != 4 && keyColumns != 6) {
            throw new IllegalArgumentException("row keys have 4 or 6 columns, not " + keyColumns);
        }
        this.keyColumns = keyColumns;
        this.keyLongs = keyColumns / 2;
        this.keys = new long[32 * keyLongs];
        this.counters = new long[32 * Counter.ALL.length];
    }

    static long pack(int high, int low) {
        return (long) high << 32 | (low & 0xFFFF_FFFFL);
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The offset of the counters of the row keyed {@code (k0, k1[, k2])}, which is added (zeros) when new. */
    int rowFor(long k0, long k1, long k2) {
        int mask = index.length - 1;
        int slot = hash(k0, k1, k2) & mask;
        while (true) {
            int entry = index[slot];
            if (entry == 0) {
                return add(slot, k0, k1, k2);
            }
            int row = entry - 1;
            int at = row * keyLongs;
            if (keys[at] == k0 && keys[at + 1] == k1 && (keyLongs == 2 || keys[at + 2] == k2)) {
                return row * Counter.ALL.length;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Adds {@code deltas} into the counters at {@code offset} (from {@link #rowFor}), skipping {@code skip} (-1 for none). */
    void addInto(int offset, long[] deltas, int skip) {
        for (int i = 0; i < deltas.length; i++) {
            if (i != skip) {
                counters[offset + i] += deltas[i];
            }
        }
    }

    void addInto(int offset, int counter, long delta) {
        counters[offset + counter] += delta;
    }

    private int add(int slot, long k0, long k1, long k2) {
        int row = size++;
        if (size * keyLongs > keys.length) {
            keys = Arrays.copyOf(keys, keys.length * 2);
            counters = Arrays.copyOf(counters, counters.length * 2);
        }
        int at = row * keyLongs;
        keys[at] = k0;
        keys[at + 1] = k1;
        if (keyLongs == 3) {
            keys[at + 2] = k2;
        }
        index[slot] = row + 1;
        if (size * 2 > index.length) {
            rehash();
        }
        return row * Counter.ALL.length;
    }

    private void rehash() {
        index = new int[index.length * 2];
        int mask = index.length - 1;
        for (int row = 0; row < size; row++) {
            int at = row * keyLongs;
            int slot = hash(keys[at], keys[at + 1], keyLongs == 3 ? keys[at + 2] : 0) & mask;
            while (index[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            index[slot] = row + 1;
        }
    }

    private static int hash(long k0, long k1, long k2) {
        long h = k0 * 0x9E37_79B9_7F4A_7C15L;
        h = (h ^ (h >>> 29) ^ k1) * 0xBF58_476D_1CE4_E5B9L;
        h = (h ^ (h >>> 32) ^ k2) * 0x94D0_49BB_1331_11EBL;
        return (int) (h ^ (h >>> 31));
    }

    /** Column {@code column} (0-based, in key order) of row {@code row}. */
    int column(int row, int column) {
        long packed = keys[row * keyLongs + column / 2];
        return column % 2 == 0 ? (int) (packed >>> 32) : (int) packed;
    }

    long counter(int row, int counter) {
        return counters[row * Counter.ALL.length + counter];
    }

    long packedKey(int row, int part) {
        return keys[row * keyLongs + part];
    }

    int keyColumns() {
        return keyColumns;
    }

    /** Every row of {@code other} added into this table (same key width). */
    void addAll(RowTable other) {
        long[] deltas = new long[Counter.ALL.length];
        for (int row = 0; row < other.size; row++) {
            int at = row * other.keyLongs;
            System.arraycopy(other.counters, row * deltas.length, deltas, 0, deltas.length);
            addInto(rowFor(other.keys[at], other.keys[at + 1], keyLongs == 3 ? other.keys[at + 2] : 0), deltas, -1);
        }
    }

    /** Row numbers in primary-key order, so concurrent writers take row locks in the same order. */
    int[] sortedRows() {
        Integer[] rows = new Integer[size];
        for (int i = 0; i < size; i++) {
            rows[i] = i;
        }
        Arrays.sort(rows, (a, b) -> {
            for (int part = 0; part < keyLongs; part++) {
                int c = Long.compare(keys[a * keyLongs + part], keys[b * keyLongs + part]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        return Arrays.stream(rows).mapToInt(Integer::intValue).toArray();
    }

    /** The rows in primary-key order, as copies (for tests and logs). */
    List<Row> rows() {
        List<Row> rows = new ArrayList<>(size);
        for (int row : sortedRows()) {
            List<Integer> key = new ArrayList<>(keyColumns);
            for (int c = 0; c < keyColumns; c++) {
                key.add(column(row, c));
            }
            List<Long> values = new ArrayList<>(Counter.ALL.length);
            for (int c = 0; c < Counter.ALL.length; c++) {
                values.add(counter(row, c));
            }
            rows.add(new Row(List.copyOf(key), List.copyOf(values)));
        }
        return rows;
    }
}
