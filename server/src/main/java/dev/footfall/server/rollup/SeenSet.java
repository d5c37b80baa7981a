package dev.footfall.server.rollup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one visitor was counted for on one site-local day, so each rollup row counts a visitor
 * once a day (and its hour rows once an hour). Three kinds of entry:
 * <ul>
 * <li>each dimension value with a bit mask of the local hours (bit 0 = 00:00) it was counted in;</li>
 * <li>each distinct <em>visit tuple</em>: the visit's values of the dimensions that pair rollups
 * are kept on (source, country, device, …), once per tuple the visitor had that day. A visitor
 * was counted in the pair row "breakdown value under filter value" exactly when one of its
 * tuples has both values, so the tuples stand for the 30-odd pair entries a visit would otherwise
 * need;</li>
 * <li>each page viewed under a tuple: that answers the pair rows of a page under a filter value,
 * and of a value within one page.</li>
 * </ul>
 * Text form (in Redis): {@code dim.value=mask}, {@code Tdim.value,dim.value,…} and
 * {@code Ppage@tuple} (the tuple's position), joined by {@code ;}. A 5-page visit takes about 30
 * entries, against 113 when every pair was an entry of its own ({@code f/fv/dim.value=1}); such
 * entries, written by earlier releases, are still read and kept, so an upgrade within a day
 * counts nobody twice.
 */
final class SeenSet {
    /** Hour masks by "dim.value", and earlier releases' pair entries by "f/fv/dim.value" (mask 1). */
    private final Map<String, Long> masks = new LinkedHashMap<>();
    /** The visit tuples, in the order first seen: values indexed by {@link RollupDim#ordinal()}, {@link #ABSENT} where not kept. */
    private final List<int[]> tuples = new ArrayList<>(2);
    /** Tuple positions each page was viewed under. */
    private final Map<Integer, List<Integer>> pages = new HashMap<>();
    /** True when {@link #masks} holds entries of the older pair form. */
    private boolean legacyPairs;

    static final int ABSENT = Integer.MIN_VALUE;
    private static final Map<Integer, RollupDim> BY_CODE = byCode();
    private static final int DIMS = RollupDim.values().length;

    private static Map<Integer, RollupDim> byCode() {
        Map<Integer, RollupDim> dims = new HashMap<>();
        for (RollupDim d : RollupDim.values()) {
            dims.put(d.code(), d);
        }
        return Map.copyOf(dims);
    }

    static SeenSet decode(String text) {
        SeenSet seen = new SeenSet();
        if (text == null || text.isEmpty()) {
            return seen;
        }
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf(';', start);
            end = end < 0 ? text.length() : end;
            char first = text.charAt(start);
            if (first == 'T') {
                int[] tuple = emptyTuple();
                int at = start + 1;
                while (at < end) {
                    int comma = text.indexOf(',', at);
                    comma = comma < 0 || comma > end ? end : comma;
                    int dot = text.indexOf('.', at);
                    RollupDim dim = BY_CODE.get(Integer.parseInt(text, at, dot, 10));
                    if (dim != null) { // a dimension of a newer release: not one this release pairs
                        tuple[dim.ordinal()] = Integer.parseInt(text, dot + 1, comma, 10);
                    }
                    at = comma + 1;
                }
                seen.tuples.add(tuple);
            } else if (first == 'P') {
                int atSign = text.indexOf('@', start);
                seen.pageViewed(Integer.parseInt(text, start + 1, atSign, 10), Integer.parseInt(text, atSign + 1, end, 10));
            } else {
                int eq = text.indexOf('=', start);
                String key = text.substring(start, eq);
                seen.legacyPairs |= key.indexOf('/') >= 0;
                seen.masks.put(key, Long.parseLong(text, eq + 1, end, 10));
            }
            start = end + 1;
        }
        return seen;
    }

    String encode() {
        StringBuilder text = new StringBuilder(masks.size() * 12 + tuples.size() * 40 + pages.size() * 8);
        masks.forEach((key, mask) -> separate(text).append(key).append('=').append(mask));
        for (int[] tuple : tuples) {
            separate(text).append('T');
            boolean firstValue = true;
            for (RollupDim dim : RollupDim.values()) {
                if (tuple[dim.ordinal()] != ABSENT) {
                    text.append(firstValue ? "" : ",").append(dim.code()).append('.').append(tuple[dim.ordinal()]);
                    firstValue = false;
                }
            }
        }
        pages.forEach((page, under) -> under.forEach(tuple -> separate(text).append('P').append(page).append('@').append(tuple)));
        return text.toString();
    }

    private static StringBuilder separate(StringBuilder text) {
        return text.isEmpty() ? text : text.append(';');
    }

    static int[] emptyTuple() {
        int[] tuple = new int[DIMS];
        Arrays.fill(tuple, ABSENT);
        return tuple;
    }

    /** The hour mask of a dimension value ({@code dim.value}), null when not counted today. */
    Long mask(String key) {
        return masks.get(key);
    }

    void setMask(String key, long mask) {
        masks.put(key, mask);
    }

    /** The position of {@code tuple} among today's, -1 when new. */
    int indexOf(int[] tuple) {
        for (int i = 0; i < tuples.size(); i++) {
            if (Arrays.equals(tuples.get(i), tuple)) {
                return i;
            }
        }
        return -1;
    }

    /** Adds a new tuple; returns its position. */
    int add(int[] tuple) {
        tuples.add(tuple.clone());
        return tuples.size() - 1;
    }

    /** True when the visitor was counted in the pair row of {@code dim = value} under {@code filter = filterValue}. */
    boolean pairCounted(RollupDim filter, int filterValue, RollupDim dim, int value) {
        for (int[] tuple : tuples) {
            if (tuple[filter.ordinal()] == filterValue && tuple[dim.ordinal()] == value) {
                return true;
            }
        }
        return legacyCounted(filter, filterValue, dim, value);
    }

    /** True when {@code page} was viewed under tuple {@code tuple}. */
    boolean viewed(int page, int tuple) {
        List<Integer> under = pages.get(page);
        return under != null && under.contains(tuple);
    }

    void pageViewed(int page, int tuple) {
        pages.computeIfAbsent(page, p -> new ArrayList<>(1)).add(tuple);
    }

    /** True when {@code page} was viewed under a tuple whose value of {@code dim} is {@code value}. */
    boolean viewedWith(int page, RollupDim dim, int value) {
        List<Integer> under = pages.get(page);
        if (under != null) {
            for (int tuple : under) {
                if (tuple < tuples.size() && tuples.get(tuple)[dim.ordinal()] == value) {
                    return true;
                }
            }
        }
        return false;
    }

    /** An entry of an earlier release's form, {@code f/fv/dim.value}. */
    boolean legacyCounted(RollupDim filter, int filterValue, RollupDim dim, int value) {
        return legacyPairs && masks.containsKey(filter.code() + "/" + filterValue + "/" + dim.code() + "." + value);
    }

    /** The dimension values with an hour mask, and earlier releases' pair entries (for tests). */
    Set<String> keys() {
        return new HashSet<>(masks.keySet());
    }
}
