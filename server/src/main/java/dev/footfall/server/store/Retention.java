package dev.footfall.server.store;

import dev.footfall.server.session.Buckets;
import dev.footfall.server.site.Site;
import dev.footfall.server.site.SiteDirectory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Deletes raw events and visits older than the retention period, and the visit facts of the days before it; rollups are kept, so
 * dashboards keep their history while row-level data ages out. Deletes run per site in chunks
 * of {@value #CHUNK_ROWS} rows on the {@code (site_id, ts)} and {@code (site_id, start_ts)}
 * indexes, each its own short transaction, so ingestion is never blocked for long.
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
        }
        if (events + visits > 0) {
            long e = events;
            long v = visits;
            LOG.info(() -> "retention: deleted " + e + " events and " + v + " visits older than " + period.toDays() + " days");
        }
        return events;
    }

    private long deleteChunked(String sql, int siteId, long cutoffMs) {
        long total = 0;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
            ps.setInt(1, siteId);
            ps.setLong(2, cutoffMs);
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
