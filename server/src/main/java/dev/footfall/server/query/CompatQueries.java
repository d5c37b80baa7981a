package dev.footfall.server.query;

import dev.footfall.server.lookup.Dimension;
import dev.footfall.server.rollup.RollupDim;
import dev.footfall.server.site.Site;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The reports of the dashboard Footfall replaces, from rollups instead of its full scans: page
 * views per page and site-local hour ({@code rollup_hourly}, one row per page and hour with
 * views), and page views per browser or device type over a day range ({@code rollup_daily}).
 */
public final class CompatQueries {
    /** A row of {@code GET /analytics/visits}, named as the old dashboard reads it. */
    public record PageHour(String page_url, String date, int hour, long views) {
    }

    private final DataSource db;
    private final Runnable rollupsCurrent;

    /** {@code rollupsCurrent} runs before each read: it folds the rollup deltas still logged. */
    public CompatQueries(DataSource db, Runnable rollupsCurrent) {
        this.rollupsCurrent = rollupsCurrent;
        this.db = db;
    }

    public List<PageHour> pageHours(Site site, LocalDate from, LocalDate to) {
        rollupsCurrent.run();
        DateRange range = new DateRange(from, to);
        String sql = "SELECT value_id, bucket_hour, pageviews FROM rollup_hourly WHERE site_id = ? AND dim = ?"
                + " AND bucket_hour BETWEEN ? AND ? AND pageviews > 0 ORDER BY bucket_hour, value_id /* CompatQueries.pageHours */";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, site.id());
            ps.setInt(2, RollupDim.PAGE.code());
            ps.setInt(3, range.firstHour());
            ps.setInt(4, range.lastHour());
            List<int[]> keys = new ArrayList<>();
            List<Long> views = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(new int[] {rs.getInt(1), rs.getInt(2)});
                    views.add(rs.getLong(3));
                }
            }
            Map<Integer, String> pages = new DimValues(c).labels(Dimension.PAGE, keys.stream().map(k -> k[0]).distinct().toList());
            List<PageHour> rows = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                LocalDateTime hour = LocalDateTime.ofEpochSecond(keys.get(i)[1] * 3600L, 0, ZoneOffset.UTC);
                rows.add(new PageHour("http://" + site.domain() + pages.getOrDefault(keys.get(i)[0], ""), hour.toLocalDate().toString(),
                        hour.getHour(), views.get(i)));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("query: page hours of " + site.domain() + " failed", e);
        }
    }

    /** Page views per browser name. */
    public Map<String, Long> browsers(Site site, LocalDate from, LocalDate to) {
        return viewsBy(site, RollupDim.BROWSER, Dimension.BROWSER, new DateRange(from, to));
    }

    /** Page views per device type. */
    public Map<String, Long> devices(Site site, LocalDate from, LocalDate to) {
        return viewsBy(site, RollupDim.DEVICE_TYPE, Dimension.DEVICE_TYPE, new DateRange(from, to));
    }

    private Map<String, Long> viewsBy(Site site, RollupDim dim, Dimension table, DateRange range) {
        rollupsCurrent.run();
        String sql = "SELECT value_id, SUM(pageviews) FROM rollup_daily WHERE site_id = ? AND dim = ? AND bucket_day BETWEEN ? AND ?"
                + " GROUP BY value_id HAVING SUM(pageviews) > 0 /* CompatQueries.viewsBy */";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, site.id());
            ps.setInt(2, dim.code());
            ps.setInt(3, range.firstDay());
            ps.setInt(4, range.lastDay());
            Map<Integer, Long> byId = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byId.put(rs.getInt(1), rs.getLong(2));
                }
            }
            Map<Integer, String> names = new DimValues(c).labels(table, byId.keySet());
            Map<String, Long> views = new TreeMap<>();
            byId.forEach((id, n) -> views.merge(names.getOrDefault(id, ""), n, Long::sum));
            return new LinkedHashMap<>(views);
        } catch (SQLException e) {
            throw new IllegalStateException("query: views by " + dim + " of " + site.domain() + " failed", e);
        }
    }
}
