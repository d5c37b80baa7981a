package dev.footfall.load.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Counts rows of {@code events}: the "stored" side of the stored == acknowledged check. */
@FunctionalInterface
public interface StoredEvents {
    long count() throws Exception;

    /** Over JDBC: {@code SELECT COUNT(*) FROM events}, one short connection per count. */
    static StoredEvents jdbc(String url, String user, String password) {
        return () -> {
            try (Connection c = DriverManager.getConnection(url, user, password);
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events /* StoredEvents.count */")) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                throw new SQLException("counting events at " + url + ": " + e.getMessage(), e);
            }
        };
    }
}
