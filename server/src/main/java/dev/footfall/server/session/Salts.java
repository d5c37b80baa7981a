package dev.footfall.server.session;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.sql.DataSource;

/**
 * The random daily salts of the visitor hash, one per UTC day, shared by all instances through
 * the {@code salts} table (the first instance to need a day's salt inserts it, the others read
 * the winner). Kept in the database rather than Redis so a Redis restart cannot change the
 * salt mid-day and double every visitor. Only today's and yesterday's salts exist: older ones
 * are deleted by {@link #deleteOld}, after which no hash can be linked to a person.
 */
public final class Salts {
    private final DataSource db;
    private final SecureRandom random = new SecureRandom();
    /** UTC day number → salt; holds at most the days asked for since start, pruned with the table. */
    private final ConcurrentMap<Integer, byte[]> cache = new ConcurrentHashMap<>();

    public Salts(DataSource db) {
        this.db = db;
    }

    public static int utcDay(long epochMs) {
        return (int) Instant.ofEpochMilli(epochMs).atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay();
    }

    public byte[] forDay(int day) {
        return cache.computeIfAbsent(day, this::loadOrCreate);
    }

    /** Deletes salts older than yesterday; returns how many were deleted. */
    public int deleteOld(long nowMs) {
        int oldest = utcDay(nowMs) - 1;
        cache.keySet().removeIf(day -> day < oldest);
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM salts WHERE day < ? /* Salts.deleteOld */")) {
            ps.setInt(1, oldest);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("salts: cannot delete old salts", e);
        }
    }

    private byte[] loadOrCreate(int day) {
        byte[] fresh = new byte[16];
        random.nextBytes(fresh);
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO salts (day, salt) VALUES (?, ?) /* Salts.create */")) {
                ps.setInt(1, day);
                ps.setBytes(2, fresh);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT salt FROM salts WHERE day = ? /* Salts.forDay */")) {
                ps.setInt(1, day);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("salts: salt of day " + day + " vanished");
                    }
                    return rs.getBytes(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("salts: cannot read the salt of day " + day, e);
        }
    }
}
