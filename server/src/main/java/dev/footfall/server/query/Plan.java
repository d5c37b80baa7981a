package dev.footfall.server.query;

import dev.footfall.model.stats.Filter;
import dev.footfall.model.stats.Metric;
import dev.footfall.server.event.Source;
import dev.footfall.server.lookup.Dimension;
import dev.footfall.server.rollup.RollupDim;
import dev.footfall.server.rollup.RollupPairs;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a report's cells come from. Rollups whenever their one-dimensional rows can answer:
 * no filter, or a single {@code ==} value on the dimension being read (the rollup row of that
 * value), and every metric booked on that dimension; pair rollups for a breakdown filtered to a
 * single value of another dimension where {@link RollupPairs} keeps them. Anything else reads
 * raw rows, and so do ranges older than the rows that would answer them ({@link Coverage}). The
 * choice is reported in the {@code X-Footfall-Source} header so tests and operators can see it.
 */
sealed interface Plan {
    /**
     * Whether rollup rows added after a site's first traffic hold a whole range: pair rollups
     * ({@code pairs}) and the page rows' visit counters and page-filtered pairs ({@code pages}).
     */
    record Coverage(boolean pairs, boolean pages) {
        static final Coverage FULL = new Coverage(true, true);
    }

    /** Rows of one rollup dimension; {@code values} restricts to those ids (absent: all values). */
    record FromRollup(RollupDim dim, Optional<Collection<Integer>> values) implements Plan {
    }

    /** Rows of {@code rollup_pair_daily}: {@code dim} within the given values of the visit dimension {@code filter}. */
    record FromPairRollup(RollupDim filter, Collection<Integer> filterValues, RollupDim dim) implements Plan {
    }

    record FromRaw() implements Plan {
    }

    default String source() {
        return switch (this) {
            case FromRollup r -> "rollup";
            case FromPairRollup r -> "rollup";
            case FromRaw r -> "raw";
        };
    }

    /**
     * The plan for a report on {@code breakdown} (absent: the site total) with {@code filters};
     * {@code coverage} says which rollup rows hold the whole range (see {@code rollup_pair_coverage}).
     */
    static Plan choose(Optional<Column> breakdown, List<Filter> filters, List<Metric> metrics, DimValues dims, Coverage coverage)
            throws SQLException {
        if (filters.size() > 1 || (filters.size() == 1 && !filters.getFirst().singleEquals())) {
            return new FromRaw();
        }
        Optional<Filter> filter = filters.stream().findFirst();
        if (breakdown.isEmpty() && filter.isEmpty()) {
            return new FromRollup(RollupDim.TOTAL, Optional.of(Set.of(0)));
        }
        Column col = breakdown.orElseGet(() -> Column.of(filter.orElseThrow().property()));
        boolean pageVisitCounters = col.rollupDim() == RollupDim.PAGE && metrics.stream().anyMatch(Metric::visitLevel);
        if (!metrics.stream().allMatch(col::rollupHas) || (pageVisitCounters && !coverage.pages())) {
            return new FromRaw();
        }
        if (filter.isPresent() && !filter.get().property().equals(col.property())) {
            Column on = Column.of(filter.get().property());
            boolean byPage = on.rollupDim() == RollupDim.PAGE;
            boolean counters = RollupPairs.carryVisitCounters(on.rollupDim()) || metrics.stream().noneMatch(Metric::visitLevel);
            if ((byPage ? coverage.pages() : coverage.pairs()) && counters && RollupPairs.covers(on.rollupDim(), col.rollupDim())) {
                return new FromPairRollup(on.rollupDim(), valueId(on, filter.get().values().getFirst(), dims), col.rollupDim());
            }
            return new FromRaw();
        }
        if (filter.isPresent()) {
            return new FromRollup(col.rollupDim(), Optional.of(valueId(col, filter.get().values().getFirst(), dims)));
        }
        if (col.rollupDim() == RollupDim.PROP) {
            return new FromRollup(RollupDim.PROP, Optional.of(dims.propValues(col.property().propKey()).keySet()));
        }
        return new FromRollup(col.rollupDim(), Optional.empty());
    }

    /** The rollup value id of {@code value}: no id (an empty set) when the value was never stored. */
    private static Collection<Integer> valueId(Column col, String value, DimValues dims) throws SQLException {
        return switch (col.rollupDim()) {
            case COUNTRY -> value.length() == 2 || value.isEmpty() ? Set.of(RollupDim.countryId(value)) : Set.of();
            case PROP -> dims.ids(Dimension.PROP, List.of(Dimension.prop(col.property().propKey(), value))).values();
            default -> dims.ids(col.table().orElseThrow(), List.of(value)).values();
        };
    }
}
