package dev.footfall.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * How far one server's spool is committed to this database: its id and the last seq whose events
 * are stored. Saved in the same transaction as those events, so after any crash the spool replays
 * exactly what is not stored yet.
 */
public record SpoolMark(String spoolId, long seq) {

    /** This mark as one string, {@code spoolId:seq}: an idempotency claim's token, and a staged state's. */
    public String token() {
        return spoolId + ":" + seq;
    }

    /** The mark a {@link #token()} names. */
    public static SpoolMark ofToken(String token) {
        int at = token.lastIndexOf(':');
        return new SpoolMark(token.substring(0, at), Long.parseLong(token.substring(at + 1)));
    }

    void save(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO spool_marks (spool_id, seq, updated_ms) VALUES (?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE seq = VALUES(seq), updated_ms = VALUES(updated_ms) /* SpoolMark.save */")) {
            ps.setString(1, spoolId);
            ps.setLong(2, seq);
            ps.setLong(3, System.currentTimeMillis());
            ps.executeUpdate();
        }
    }

    /** Saves the mark in a transaction of its own: past a record set aside, with no rows to go with it. */
    void saveAlone(DataSource db) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(true);
            save(c);
        }
    }

    /** The committed mark of {@code spoolId}; seq 0 when it never committed. */
    static SpoolMark load(DataSource db, String spoolId) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT seq FROM spool_marks WHERE spool_id = ? /* SpoolMark.load */")) {
            ps.setString(1, spoolId);
            try (ResultSet rs = ps.executeQuery()) {
                return new SpoolMark(spoolId, rs.next() ? rs.getLong(1) : 0);
            }
        }
    }
}
