package dev.footfall.server.store;

import dev.footfall.server.session.Buckets;
import dev.footfall.server.site.Site;
import dev.footfall.server.site.SiteDirectory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Deletes raw events and visits older than the retention period, and the visit facts (V12) and
 * goal facts (V14: {@code visit_goals}, {@code goal_days} and the rebuild marks) of the site-local
 * days before it; rollups are kept, so dashboards keep their history while row-level data ages
 * out. The facts go with the raw rows because reports read them in place of the raw rows, so both
 * must give the same answer; a goal report that rollups answer (an event name, one literal page)
 * keeps its history like any other rollup report. Deletes run per site in chunks of
 * {@value #CHUNK_ROWS} rows on the {@code (site_id, ts)} and {@code (site_id, start_ts)} indexes
 * and the facts' primary keys (per goal fill for the goal facts, whose keys start with it), each
 * its own short transaction, so ingestion is never blocked for long.
 */
public final class Retention {
    private static final Logger LOG = Logger.getLogger(Retention.class.getName());
    static final int CHUNK_ROWS = 10_000;

    private final DataSource db;
    private final SiteDirectory sites;
    private final Duration period;

    public Retention(DataSource db, SiteDirectory sites, Duration period) {
        this.db = db;
        this.sites = sites;
        this.period = period;
    }

    /** Deletes what is older than {@code nowMs - period}; returns the number of events deleted. */
    public long run(long nowMs) {
        long cutoffMs = nowMs - period.toMillis();
        long events = 0;
        long visits = 0;
        for (Site site : sites.all()) {
            events += deleteChunked("DELETE FROM events WHERE site_id = ? AND ts < ? LIMIT " + CHUNK_ROWS
                    + " /* Retention.events */", site.id(), cutoffMs);
            visits += deleteChunked("DELETE FROM visits WHERE site_id = ? AND start_ts < ? LIMIT " + CHUNK_ROWS
                    + " /* Retention.visits */", site.id(), cutoffMs);
            long cutoffDay = Buckets.day(cutoffMs, site.zone());
            deleteChunked("DELETE FROM visit_days WHERE site_id = ? AND day < ? LIMIT " + CHUNK_ROWS + " /* Retention.visitDays */",
                    site.id(), cutoffDay);
            deleteChunked("DELETE FROM visit_pages WHERE site_id = ? AND day < ? LIMIT " + CHUNK_ROWS + " /* Retention.visitPages */",
                    site.id(), cutoffDay);
            deleteChunked("DELETE FROM visit_props WHERE site_id = ? AND day < ? LIMIT " + CHUNK_ROWS + " /* Retention.visitProps */",
                    site.id(), cutoffDay);
            deleteGoalFacts(site.id(), (int) cutoffDay);
        }
        if (events + visits > 0) {
            long e = events;
            long v = visits;
            LOG.info(() -> "retention: deleted " + e + " events and " + v + " visits older than " + period.toDays() + " days");
        }
        return events;
    }

    /** The goal facts of the days before {@code cutoffDay}, one goal fill at a time, then the marks of those days. */
    private void deleteGoalFacts(int siteId, int cutoffDay) {
        for (int fillId : fills(siteId)) {
            deleteChunked("DELETE FROM visit_goals WHERE site_id = ? AND day < ? AND fill_id = ? LIMIT " + CHUNK_ROWS
                    + " /* Retention.visitGoals */", siteId, cutoffDay, fillId);
            deleteChunked("DELETE FROM goal_days WHERE site_id = ? AND day < ? AND fill_id = ? LIMIT " + CHUNK_ROWS
                    + " /* Retention.goalDays */", siteId, cutoffDay, fillId);
        }
        deleteChunked("DELETE FROM goal_dirty WHERE site_id = ? AND day < ? LIMIT " + CHUNK_ROWS + " /* Retention.goalDirty */",
                siteId, cutoffDay);
    }

    /** The site's goal fills; dropped ones ({@code goal_garbage}) are deleted whole by {@code rollup.GoalDays}. */
    private List<Integer> fills(int siteId) {
        List<Integer> fills = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM goal_fills WHERE site_id = ? /* Retention.fills */")) {
            ps.setInt(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fills.add(rs.getInt(1));
                }
            }
            return fills;
        } catch (SQLException e) {
            throw new IllegalStateException("retention: cannot read the goal fills of site " + siteId, e);
        }
    }

    /** Runs {@code sql} (a site id, a cutoff and further values bound in order) until it deletes fewer than a chunk. */
    private long deleteChunked(String sql, int siteId, long cutoff, long... more) {
        long total = 0;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
            ps.setInt(1, siteId);
            ps.setLong(2, cutoff);
            for (int i = 0; i < more.length; i++) {
                ps.setLong(3 + i, more[i]);
            }
            int deleted;
            do {
                deleted = ps.executeUpdate();
                total += deleted;
            } while (deleted == CHUNK_ROWS);
            return total;
        } catch (SQLException e) {
            throw new IllegalStateException("retention: cannot delete old rows of site " + siteId, e);
        }
    }
}
