package dev.footfall.server.rollup;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counter deltas of one write batch, summed per rollup row before they reach the database, so a
 * batch of 2,000 events on one site touches each (dimension value, hour) row once. Hourly and
 * daily rows get the same deltas except {@link Counter#HOUR_VISITORS}, which only hours keep.
 */
public final class RollupBatch {
    /** Row key of either table: bucket is the site-local hour or day number. */
    public record Key(int siteId, int dim, int valueId, int bucket) {
    }

    /** Row key of {@code rollup_pair_daily}: a dimension value's day within one value of a filter dimension. */
    public record PairKey(int siteId, int filterDim, int filterValueId, int dim, int valueId, int bucket) {
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

    public boolean isEmpty() {
        return hourly.isEmpty();
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
