package dev.footfall.server.rollup;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which two-dimensional rollups the writer keeps ({@code rollup_pair_daily}), the drill-downs of
 * the console's dashboard:
 * <ul>
 * <li>every report by one of {@link #BREAKDOWNS} filtered to one value of one of the visit
 * dimensions {@link #FILTERS}: a visit either matches one or not, so visit and event counters
 * are booked exactly as for one dimension, under the visit's value of the filter dimension;</li>
 * <li>every report by one of {@link #PAGE_BREAKDOWNS} filtered to one page: event counters and
 * visitors booked under the event's page. Visit counters are not kept there (a visit would have
 * to be re-booked under every page it saw at each of its events), so a page-filtered breakdown
 * asking for visit metrics reads raw rows.</li>
 * <li>the regions and cities of one country ({@link #WITHIN_COUNTRY}), the Locations panel's
 * drill-down from a country: booked like the first kind, under the country only.</li>
 * </ul>
 * Cost: each event books up to 44 more daily rows (summed per batch; 30 before channels, 42 before
 * regions and cities).
 */
public final class RollupPairs {
    public static final List<RollupDim> FILTERS = List.of(RollupDim.SOURCE, RollupDim.COUNTRY, RollupDim.DEVICE_TYPE,
            RollupDim.BROWSER, RollupDim.OS, RollupDim.CHANNEL);
    public static final Set<RollupDim> BREAKDOWNS = EnumSet.of(RollupDim.PAGE, RollupDim.SOURCE, RollupDim.COUNTRY,
            RollupDim.DEVICE_TYPE, RollupDim.BROWSER, RollupDim.OS, RollupDim.CHANNEL);
    public static final Set<RollupDim> PAGE_BREAKDOWNS = EnumSet.of(RollupDim.SOURCE, RollupDim.COUNTRY, RollupDim.DEVICE_TYPE,
            RollupDim.BROWSER, RollupDim.OS, RollupDim.CHANNEL);

    /** Breakdowns kept within one country only. */
    public static final Set<RollupDim> WITHIN_COUNTRY = EnumSet.of(RollupDim.REGION, RollupDim.CITY);

    private RollupPairs() {
    }

    /** True when a breakdown by {@code dim} filtered on {@code filter} has pair rows. */
    public static boolean covers(RollupDim filter, RollupDim dim) {
        if (filter == RollupDim.PAGE) {
            return PAGE_BREAKDOWNS.contains(dim);
        }
        return filter != dim && FILTERS.contains(filter)
                && (BREAKDOWNS.contains(dim) || filter == RollupDim.COUNTRY && WITHIN_COUNTRY.contains(dim));
    }

    /** True when {@code dim} has pair rows under some visit-dimension filter. */
    static boolean pairedUnderFilters(RollupDim dim) {
        return BREAKDOWNS.contains(dim) || WITHIN_COUNTRY.contains(dim);
    }

    /** True when pair rows filtered on {@code filter} carry visit counters (visits, bounces, duration). */
    public static boolean carryVisitCounters(RollupDim filter) {
        return filter != RollupDim.PAGE;
    }
}
