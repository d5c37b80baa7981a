package dev.footfall.server.rollup;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which two-dimensional rollups the writer keeps ({@code rollup_pair_daily}): every report by one
 * of {@link #BREAKDOWNS} filtered to one value of one of {@link #FILTERS}, the drill-downs of the
 * console's dashboard. Filters are visit dimensions only: a visit either matches one or not, so
 * visit and event counters are booked exactly as for one dimension, under the visit's value of
 * the filter dimension. Cost: each event books up to 25 more daily rows (summed per batch).
 */
public final class RollupPairs {
    public static final List<RollupDim> FILTERS = List.of(RollupDim.SOURCE, RollupDim.COUNTRY, RollupDim.DEVICE_TYPE,
            RollupDim.BROWSER, RollupDim.OS);
    public static final Set<RollupDim> BREAKDOWNS = EnumSet.of(RollupDim.PAGE, RollupDim.SOURCE, RollupDim.COUNTRY,
            RollupDim.DEVICE_TYPE, RollupDim.BROWSER, RollupDim.OS);

    private RollupPairs() {
    }

    /** True when a breakdown by {@code dim} filtered on {@code filter} has pair rows. */
    public static boolean covers(RollupDim filter, RollupDim dim) {
        return filter != dim && FILTERS.contains(filter) && BREAKDOWNS.contains(dim);
    }
}
