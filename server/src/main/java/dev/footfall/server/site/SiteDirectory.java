package dev.footfall.server.site;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Domain → site, for the ingest path. Sites change rarely, so answers (including "no such
 * site") are cached in process and refreshed in the background after {@value #CACHE_SECONDS} s: a
 * new or deleted site is seen by every instance within about that time, and ingestion costs no
 * query per event. A refresh that fails keeps the answer it had, so a database outage does not
 * stop the ingest of known sites (which acknowledges from the local spool); only a domain never
 * seen fails then, as {@link Unavailable}.
 */
public final class SiteDirectory {
    static final int CACHE_SECONDS = 30;

    private final DataSource db;
    /** Normalised domain → site, or empty when unknown; refreshed {@value #CACHE_SECONDS} s after loading, kept while refreshes fail. */
    private final LoadingCache<String, Optional<Site>> byDomain;

    /** The database could not answer for a domain this instance has no answer for yet. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public SiteDirectory(DataSource db) {
        this.db = db;
        this.byDomain = Caffeine.newBuilder()
                .maximumSize(100_000)
                .refreshAfterWrite(Duration.ofSeconds(CACHE_SECONDS))
                .build(this::load);
    }

    /** Lower case, no trailing dot, no leading {@code www.}: how a site's domain is stored and matched. */
    public static String normalise(String domain) {
        String d = domain.strip().toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        return d.startsWith("www.") ? d.substring(4) : d;
    }

    public Optional<Site> find(String domain) {
        String key = normalise(domain);
        return byDomain.get(key);
    }

    /** The site, registering it (UTC time zone) if absent; safe against concurrent creators. */
    public Site findOrCreate(String domain) {
        String key = normalise(domain);
        Optional<Site> site = find(key);
        if (site.isPresent()) {
            return site.get();
        }
        create(key, ZoneId.of("UTC"), true);
        byDomain.invalidate(key);
        return find(key).orElseThrow(() -> new IllegalStateException("site: " + key + " vanished after creation"));
    }

    /**
     * Inserts a site; returns false when the domain already exists. With {@code ignoreExisting}
     * a concurrent creation is not an error.
     */
    public boolean create(String domain, ZoneId zone, boolean ignoreExisting) {
        String sql = (ignoreExisting ? "INSERT IGNORE" : "INSERT")
                + " INTO sites (domain, timezone, created_ms) VALUES (?, ?, ?) /* SiteDirectory.create */";
        boolean inserted;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, normalise(domain));
            ps.setString(2, zone.getId());
            ps.setLong(3, System.currentTimeMillis());
            inserted = ps.executeUpdate() == 1;
        } catch (java.sql.SQLIntegrityConstraintViolationException e) {
            return false;
        } catch (SQLException e) {
            throw new Unavailable("site: cannot create " + domain + ": " + e.getMessage(), e);
        }
        // Outside the connection: invalidating waits for a load of the same domain in flight,
        // which may itself be waiting for a connection.
        byDomain.invalidate(normalise(domain));
        return inserted;
    }

    /** Changes a site's time zone (new events only: stored buckets keep their old local days); false when absent. */
    public boolean updateZone(String domain, ZoneId zone) {
        String sql = "UPDATE sites SET timezone = ? WHERE domain = ? /* SiteDirectory.updateZone */";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, zone.getId());
            ps.setString(2, normalise(domain));
            boolean found = ps.executeUpdate() == 1;
            byDomain.invalidate(normalise(domain));
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("site: cannot update " + domain, e);
        }
    }

    /**
     * Deletes a site with its tokens, rollups, visits and events in one transaction; false when
     * absent. Costs one pass over the site's rows (minutes for tens of millions of events).
     */
    public boolean delete(String domain) {
        Optional<Site> site = find(domain);
        if (site.isEmpty()) {
            return false;
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (String table : List.of("api_tokens", "goals", "rollup_hourly", "rollup_daily", "rollup_pair_daily", "rollup_pair_coverage",
                        "visits", "events", "sites")) {
                    String column = table.equals("sites") ? "id" : "site_id";
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE " + column + " = ? /* SiteDirectory.delete */")) {
                        ps.setInt(1, site.get().id());
                        ps.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            byDomain.invalidate(normalise(domain));
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("site: cannot delete " + domain, e);
        }
    }

    public List<Site> all() {
        String sql = "SELECT id, domain, timezone FROM sites ORDER BY domain /* SiteDirectory.all */";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            List<Site> sites = new ArrayList<>();
            while (rs.next()) {
                sites.add(site(rs));
            }
            return sites;
        } catch (SQLException e) {
            throw new IllegalStateException("site: cannot list sites", e);
        }
    }

    private Optional<Site> load(String domain) {
        String sql = "SELECT id, domain, timezone FROM sites WHERE domain = ? /* SiteDirectory.byDomain */";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, domain);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(site(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new Unavailable("site: cannot look up " + domain + ": " + e.getMessage(), e);
        }
    }

    private static Site site(ResultSet rs) throws SQLException {
        return new Site(rs.getInt(1), rs.getString(2), ZoneId.of(rs.getString(3)));
    }
}
