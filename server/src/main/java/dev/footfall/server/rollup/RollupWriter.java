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
 * and TiDB all accept. Statements carry at most {@value #ROWS_PER_STATEMENT} rows.
 */
public final class RollupWriter {
    static final int ROWS_PER_STATEMENT = 1000;

    public void write(Connection c, RollupBatch batch) throws SQLException {
        write(c, "rollup_hourly", "bucket_hour", batch.hourlyRows());
        write(c, "rollup_daily", "bucket_day", batch.dailyRows());
    }

    private void write(Connection c, String table, String bucketColumn, List<Map.Entry<RollupBatch.Key, long[]>> rows) throws SQLException {
        int counters = Counter.ALL.length;
        String columns = Arrays.stream(Counter.ALL).map(Counter::column).collect(Collectors.joining(", "));
        String updates = Arrays.stream(Counter.ALL).map(k -> k.column() + " = " + k.column() + " + VALUES(" + k.column() + ")")
                .collect(Collectors.joining(", "));
        String row = "(" + String.join(", ", Collections.nCopies(4 + counters, "?")) + ")";
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<Map.Entry<RollupBatch.Key, long[]>> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            String sql = "INSERT INTO " + table + " (site_id, dim, value_id, " + bucketColumn + ", " + columns + ") VALUES "
                    + String.join(", ", Collections.nCopies(chunk.size(), row))
                    + " ON DUPLICATE KEY UPDATE " + updates + " /* RollupWriter.write */";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (var entry : chunk) {
                    RollupBatch.Key key = entry.getKey();
                    ps.setInt(i++, key.siteId());
                    ps.setInt(i++, key.dim());
                    ps.setInt(i++, key.valueId());
                    ps.setInt(i++, key.bucket());
                    for (long value : entry.getValue()) {
                        ps.setLong(i++, value);
                    }
                }
                ps.executeUpdate();
            }
        }
    }
}
