package dev.footfall.server.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Applies a {@link RollupBatch} inside the caller's transaction with multi-row
 * {@code INSERT … ON DUPLICATE KEY UPDATE c = c + VALUES(c)}: the upsert form MySQL 8.4, MariaDB
 * and TiDB all accept, run as a JDBC batch of one fixed statement that the driver rewrites into
 * multi-row statements ({@code rewriteBatchedStatements=true}), so its SQL text is parsed once.
 */
public final class RollupWriter {
    public void write(Connection c, RollupBatch batch) throws SQLException {
        write(c, "rollup_hourly", "bucket_hour", batch.hourlyRows());
        write(c, "rollup_daily", "bucket_day", batch.dailyRows());
        writePairs(c, batch.pairRows());
    }

    private void writePairs(Connection c, List<Map.Entry<RollupBatch.PairKey, long[]>> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO rollup_pair_daily (site_id, filter_dim, filter_value_id, dim, value_id, bucket_day, " + columns()
                + ") VALUES (" + String.join(", ", Collections.nCopies(6 + Counter.ALL.length, "?")) + ") ON DUPLICATE KEY UPDATE "
                + updates() + " /* RollupWriter.writePairs */";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (var entry : rows) {
                RollupBatch.PairKey key = entry.getKey();
                int i = 1;
                ps.setInt(i++, key.siteId());
                ps.setInt(i++, key.filterDim());
                ps.setInt(i++, key.filterValueId());
                ps.setInt(i++, key.dim());
                ps.setInt(i++, key.valueId());
                ps.setInt(i++, key.bucket());
                for (long value : entry.getValue()) {
                    ps.setLong(i++, value);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static String columns() {
        return Arrays.stream(Counter.ALL).map(Counter::column).collect(Collectors.joining(", "));
    }

    private static String updates() {
        return Arrays.stream(Counter.ALL).map(k -> k.column() + " = " + k.column() + " + VALUES(" + k.column() + ")")
                .collect(Collectors.joining(", "));
    }

    private void write(Connection c, String table, String bucketColumn, List<Map.Entry<RollupBatch.Key, long[]>> rows) throws SQLException {
        String columns = columns();
        String updates = updates();
        String sql = "INSERT INTO " + table + " (site_id, dim, value_id, " + bucketColumn + ", " + columns + ") VALUES ("
                + String.join(", ", Collections.nCopies(4 + Counter.ALL.length, "?")) + ") ON DUPLICATE KEY UPDATE " + updates
                + " /* RollupWriter.write */";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (var entry : rows) {
                RollupBatch.Key key = entry.getKey();
                int i = 1;
                ps.setInt(i++, key.siteId());
                ps.setInt(i++, key.dim());
                ps.setInt(i++, key.valueId());
                ps.setInt(i++, key.bucket());
                for (long value : entry.getValue()) {
                    ps.setLong(i++, value);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
