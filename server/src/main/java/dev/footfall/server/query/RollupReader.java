package dev.footfall.server.query;

import dev.footfall.server.rollup.RollupDim;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads report cells from {@code rollup_daily} or {@code rollup_hourly}: one primary-key range
 * per (site, dimension), so the cost is the number of (value, bucket) rows in the range, never
 * the number of events. Sums are pushed into SQL when the caller does not need per-bucket cells.
 * Hourly visitors are the hour's distinct visitors ({@code hour_visitors}); daily ones the day's.
 */
final class RollupReader {
    private RollupReader() {
    }

    /**
     * Cells of one dimension; {@code values} restricts to those value ids (empty list: nothing).
     * With {@code byBucket} false all buckets of a value fold into bucket 0.
     */
    static Map<Cell, Counts> read(Connection c, int siteId, RollupDim dim, Optional<Collection<Integer>> values, DateRange range,
                                  Cell.Grain grain, boolean byBucket) throws SQLException {
        Map<Cell, Counts> cells = new HashMap<>();
        if (values.isPresent() && values.get().isEmpty()) {
            return cells;
        }
        boolean hourly = grain == Cell.Grain.HOUR;
        String bucket = hourly ? "bucket_hour" : "bucket_day";
        String sql = "SELECT value_id, " + (byBucket ? bucket : "0") + ", SUM(" + (hourly ? "hour_visitors" : "visitors") + "),"
                + " SUM(pageviews), SUM(events), SUM(visits), SUM(bounces), SUM(visit_duration_ms), SUM(visit_pageviews),"
                + " SUM(engagement_ms) FROM " + (hourly ? "rollup_hourly" : "rollup_daily")
                + " WHERE site_id = ? AND dim = ? AND " + bucket + " BETWEEN ? AND ?"
                + values.map(ids -> " AND value_id IN (" + ids.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")")
                        .orElse("")
                + " GROUP BY value_id" + (byBucket ? ", " + bucket : "") + " /* RollupReader.read */";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, siteId);
            ps.setInt(2, dim.code());
            ps.setInt(3, hourly ? range.firstHour() : range.firstDay());
            ps.setInt(4, hourly ? range.lastHour() : range.lastDay());
            collect(ps, cells);
        }
        return cells;
    }

    /**
     * Cells of {@code dim} within the values {@code filterValues} of {@code filter}, from
     * {@code rollup_pair_daily}: one primary-key range per filter value, all days folded into bucket 0.
     */
    static Map<Cell, Counts> readPairs(Connection c, int siteId, RollupDim filter, Collection<Integer> filterValues, RollupDim dim,
                                       DateRange range) throws SQLException {
        Map<Cell, Counts> cells = new HashMap<>();
        if (filterValues.isEmpty()) {
            return cells;
        }
        String sql = "SELECT value_id, 0, SUM(visitors), SUM(pageviews), SUM(events), SUM(visits), SUM(bounces), SUM(visit_duration_ms),"
                + " SUM(visit_pageviews), SUM(engagement_ms) FROM rollup_pair_daily WHERE site_id = ? AND filter_dim = ? AND filter_value_id IN ("
                + filterValues.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ") AND dim = ? AND bucket_day BETWEEN ? AND ?"
                + " GROUP BY value_id /* RollupReader.readPairs */";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, siteId);
            ps.setInt(2, filter.code());
            ps.setInt(3, dim.code());
            ps.setInt(4, range.firstDay());
            ps.setInt(5, range.lastDay());
            collect(ps, cells);
        }
        return cells;
    }

    /**
     * Which rollup rows hold every day from {@code fromMs} on: for sites that existed before pair
     * rollups or page rows did, only ranges after that moment (no row: the site's rows are complete).
     */
    static Plan.Coverage coverage(Connection c, int siteId, long fromMs) throws SQLException {
        String sql = "SELECT from_ms, page_from_ms FROM rollup_pair_coverage WHERE site_id = ? /* RollupReader.coverage */";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Plan.Coverage(fromMs >= rs.getLong(1), fromMs >= rs.getLong(2)) : Plan.Coverage.FULL;
            }
        }
    }

    private static void collect(PreparedStatement ps, Map<Cell, Counts> cells) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Counts k = new Counts();
                k.visitors = rs.getLong(3);
                k.pageviews = rs.getLong(4);
                k.events = rs.getLong(5);
                k.visits = rs.getLong(6);
                k.bounces = rs.getLong(7);
                k.visitDurationMs = rs.getLong(8);
                k.visitPageviews = rs.getLong(9);
                k.engagementMs = rs.getLong(10);
                if (!k.isEmpty()) {
                    cells.put(new Cell(rs.getInt(1), rs.getInt(2)), k);
                }
            }
        }
    }
}
