package dev.footfall.server.rollup;

import dev.footfall.server.lookup.Dimension;
import dev.footfall.server.session.Buckets;
import dev.footfall.server.sql.MultiRowInsert;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The daily goal rows ({@code goal_days}, migration V14): per filled goal, site-local day,
 * dimension and value, the distinct visitors and conversions (and revenue per currency), summed
 * from that day's {@code visit_goals} rows, so a goal report over 90 days reads about a hundred
 * rows per value instead of every converting visit. A background job builds each day once it is
 * two days old (the writer marks a day it books after that in {@code goal_dirty}, and the day is
 * rebuilt; the reports answer a marked day from {@code visit_goals}, which always holds it), and
 * deletes the rows of dropped fills ({@code goal_garbage}).
 *
 * <p>Cost per day and goal: one primary-key range of {@code visit_goals} (a row per converting
 * visit and page), summed in Java over every dimension at once, and one multi-row insert.
 */
public final class GoalDays {
    /** A dimension of the daily rows and the {@code visit_goals} column its value is read from. */
    record Dim(RollupDim dim, String column) {
    }

    /** TOTAL, the converting event's page and the visit dimensions (hostnames are the event's, so not here). */
    public static final List<Dim> DIMS = dims();
    /** The {@link RollupDim} codes kept, for the query side. */
    public static final Set<RollupDim> KEPT = DIMS.stream().map(Dim::dim).collect(Collectors.toUnmodifiableSet());
    private static final int DELETE_ROWS = 20_000;

    private static List<Dim> dims() {
        List<Dim> dims = new ArrayList<>(List.of(new Dim(RollupDim.TOTAL, null), new Dim(RollupDim.PAGE, "page_id"),
                new Dim(RollupDim.ENTRY_PAGE, "entry_page_id"), new Dim(RollupDim.COUNTRY, "country")));
        for (Dimension d : Dimension.VISIT) {
            if (d != Dimension.HOSTNAME) {
                dims.add(new Dim(RollupDim.of(d), d.column()));
            }
        }
        return List.copyOf(dims);
    }

    private final DataSource db;
    private final Clock clock;

    public GoalDays(DataSource db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The last site-local day that may be built now: two days before today, so no batch in flight still books it unmarked. */
    public static int lastBuildable(long nowMs, ZoneId zone) {
        return Buckets.day(nowMs, zone) - 2;
    }

    /** Builds days, rebuilds marked ones and deletes dropped fills for up to {@code budgetMs}; true when nothing is left. */
    public boolean run(long budgetMs) {
        long until = System.currentTimeMillis() + budgetMs;
        try {
            boolean idle = collectGarbage(until);
            idle &= rebuildMarked(until);
            idle &= buildNew(until);
            return idle;
        } catch (SQLException e) {
            throw new IllegalStateException("goals: cannot build the daily goal rows: " + e.getMessage(), e);
        }
    }

    /** A filled goal: its fill, site and the last day its daily rows hold (null: none yet). */
    private record Done(int fillId, int siteId, Integer builtThrough) {
    }

    private List<Done> doneFills(Connection c) throws SQLException {
        List<Done> done = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, site_id, built_through_day FROM goal_fills WHERE done = 1"
                + " /* GoalDays.doneFills */"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                done.add(new Done(rs.getInt(1), rs.getInt(2), rs.getObject(3, Integer.class)));
            }
        }
        return done;
    }

    /**
     * Builds, for each filled goal, the days after its {@code built_through_day} up to
     * {@link #lastBuildable} that have rows, then moves {@code built_through_day} there. A day the
     * writer books meanwhile is marked, so it is rebuilt.
     */
    private boolean buildNew(long until) throws SQLException {
        Map<Integer, ZoneId> zones;
        List<Done> fills;
        try (Connection c = db.getConnection()) {
            zones = FactBackfill.zones(c);
            fills = doneFills(c);
        }
        for (Done f : fills) {
            ZoneId zone = zones.get(f.siteId());
            if (zone == null) {
                continue;
            }
            int last = lastBuildable(clock.millis(), zone);
            if (f.builtThrough() != null && f.builtThrough() >= last) {
                continue;
            }
            for (int day : daysWithRows(f, last)) {
                if (System.currentTimeMillis() >= until) {
                    return false;
                }
                build(f.siteId(), f.fillId(), day);
                builtThrough(f.fillId(), day);
            }
            builtThrough(f.fillId(), last);
        }
        return true;
    }

    /** Days after the fill's {@code built_through_day}, up to {@code last}, that have {@code visit_goals} rows, in order. */
    private List<Integer> daysWithRows(Done f, int last) throws SQLException {
        List<Integer> days = new ArrayList<>();
        String sql = "SELECT DISTINCT day FROM visit_goals WHERE site_id = ? AND fill_id = ? AND day > ? AND day <= ? ORDER BY day"
                + " /* GoalDays.daysWithRows */";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, f.siteId());
            ps.setInt(2, f.fillId());
            ps.setInt(3, f.builtThrough() == null ? Integer.MIN_VALUE : f.builtThrough());
            ps.setInt(4, last);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    days.add(rs.getInt(1));
                }
            }
        }
        return days;
    }

    /** Moves the fill's {@code built_through_day} forward to {@code day} (never back). */
    private void builtThrough(int fillId, int day) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE goal_fills SET built_through_day = ?"
                + " WHERE id = ? AND (built_through_day IS NULL OR built_through_day < ?) /* GoalDays.builtThrough */")) {
            ps.setInt(1, day);
            ps.setInt(2, fillId);
            ps.setInt(3, day);
            ps.executeUpdate();
        }
    }

    /** Rebuilds the days the writer marked, for every filled goal of their site, then deletes the marks read (by id). */
    private boolean rebuildMarked(long until) throws SQLException {
        Map<List<Integer>, List<Long>> marks = new TreeMap<>((a, b) -> a.get(0).equals(b.get(0)) ? a.get(1) - b.get(1) : a.get(0) - b.get(0));
        List<Done> fills;
        Map<Integer, ZoneId> zones;
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, site_id, day FROM goal_dirty ORDER BY id LIMIT 1000 /* GoalDays.marks */");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    marks.computeIfAbsent(List.of(rs.getInt(2), rs.getInt(3)), k -> new ArrayList<>()).add(rs.getLong(1));
                }
            }
            if (marks.isEmpty()) {
                return true;
            }
            fills = doneFills(c);
            zones = FactBackfill.zones(c);
        }
        for (Map.Entry<List<Integer>, List<Long>> m : marks.entrySet()) {
            if (System.currentTimeMillis() >= until) {
                return false;
            }
            int site = m.getKey().get(0);
            int day = m.getKey().get(1);
            ZoneId zone = zones.get(site);
            if (zone != null && day <= lastBuildable(clock.millis(), zone)) {
                for (Done f : fills) {
                    if (f.siteId() == site) {
                        build(site, f.fillId(), day);
                    }
                }
            }
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM goal_dirty WHERE id IN ("
                    + m.getValue().stream().map(String::valueOf).collect(Collectors.joining(", ")) + ") /* GoalDays.unmark */")) {
                ps.executeUpdate();
            }
        }
        return false;
    }

    /** Per value: distinct visitors, conversions, and revenue and its conversions per currency. */
    private static final class Agg {
        final Set<Long> visitors = new HashSet<>();
        long conversions;
        final Map<String, BigDecimal> revenue = new TreeMap<>();
        final Map<String, Long> revenueEvents = new TreeMap<>();
    }

    /** (Re)builds one goal fill's rows of one day in one transaction, from that day's {@code visit_goals} rows. */
    void build(int siteId, int fillId, int day) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Map<Integer, Agg>> byDim = new ArrayList<>();
                DIMS.forEach(d -> byDim.add(new HashMap<>()));
                String columns = DIMS.stream().skip(1).map(Dim::column).collect(Collectors.joining(", "));
                String sql = "SELECT visitor_id, currency, conversions, revenue, revenue_events, " + columns + " FROM visit_goals"
                        + " WHERE site_id = ? AND fill_id = ? AND day = ? /* GoalDays.read */";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setInt(1, siteId);
                    ps.setInt(2, fillId);
                    ps.setInt(3, day);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            long visitor = rs.getLong(1);
                            String currency = rs.getString(2);
                            long conversions = rs.getLong(3);
                            BigDecimal revenue = rs.getBigDecimal(4);
                            long revenueEvents = rs.getLong(5);
                            for (int i = 0; i < DIMS.size(); i++) {
                                int value = i == 0 ? 0 : DIMS.get(i).dim() == RollupDim.COUNTRY ? RollupDim.countryId(rs.getString(5 + i))
                                        : rs.getInt(5 + i);
                                Agg a = byDim.get(i).computeIfAbsent(value, v -> new Agg());
                                a.visitors.add(visitor);
                                a.conversions += conversions;
                                if (!currency.isEmpty()) {
                                    a.revenue.merge(currency, revenue, BigDecimal::add);
                                    a.revenueEvents.merge(currency, revenueEvents, Long::sum);
                                }
                            }
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM goal_days WHERE site_id = ? AND fill_id = ? AND dim = ? AND day = ?"
                        + " /* GoalDays.clear */")) {
                    for (Dim d : DIMS) {
                        ps.setInt(1, siteId);
                        ps.setInt(2, fillId);
                        ps.setInt(3, d.dim().code());
                        ps.setInt(4, day);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (MultiRowInsert insert = new MultiRowInsert(c, "INSERT INTO goal_days (site_id, fill_id, day, dim, value_id, currency,"
                        + " visitors, conversions, revenue, revenue_events) VALUES ", " /* GoalDays.write */")) {
                    for (int i = 0; i < DIMS.size(); i++) {
                        for (Map.Entry<Integer, Agg> e : byDim.get(i).entrySet()) {
                            Agg a = e.getValue();
                            insert.row().value(siteId).value(fillId).value(day).value(DIMS.get(i).dim().code()).value(e.getKey()).text("")
                                    .value(a.visitors.size()).value(a.conversions).value(BigDecimal.ZERO).value(0);
                            for (Map.Entry<String, BigDecimal> r : a.revenue.entrySet()) {
                                insert.row().value(siteId).value(fillId).value(day).value(DIMS.get(i).dim().code()).value(e.getKey())
                                        .text(r.getKey()).value(0).value(0).value(r.getValue()).value(a.revenueEvents.get(r.getKey()));
                            }
                        }
                    }
                    insert.finish();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Deletes the rows of dropped fills, {@value #DELETE_ROWS} a statement; true when none are left. */
    private boolean collectGarbage(long until) throws SQLException {
        try (Connection c = db.getConnection()) {
            List<int[]> garbage = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT fill_id, site_id FROM goal_garbage /* GoalDays.garbage */");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    garbage.add(new int[] {rs.getInt(1), rs.getInt(2)});
                }
            }
            for (int[] g : garbage) {
                for (String table : List.of("visit_goals", "goal_days")) {
                    int deleted;
                    do {
                        if (System.currentTimeMillis() >= until) {
                            return false;
                        }
                        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE site_id = ? AND fill_id = ? LIMIT "
                                + DELETE_ROWS + " /* GoalDays.collect */")) {
                            ps.setInt(1, g[1]);
                            ps.setInt(2, g[0]);
                            deleted = ps.executeUpdate();
                        }
                    } while (deleted == DELETE_ROWS);
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM goal_garbage WHERE fill_id = ? /* GoalDays.collected */")) {
                    ps.setInt(1, g[0]);
                    ps.executeUpdate();
                }
            }
            return true;
        }
    }
}
