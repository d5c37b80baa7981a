package dev.footfall.server.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Applies a {@link RollupBatch} inside the caller's transaction with multi-row
 * {@code INSERT … ON DUPLICATE KEY UPDATE c = c + VALUES(c)}: the upsert form MySQL 8.4, MariaDB
 * and TiDB all accept, run as a JDBC batch of one fixed statement that the driver rewrites into
 * multi-row statements ({@code rewriteBatchedStatements=true}), so its SQL text is parsed once.
 */
public final class RollupWriter {
    static final List<String> HOURLY_KEY = List.of("site_id", "dim", "value_id", "bucket_hour");
    static final List<String> DAILY_KEY = List.of("site_id", "dim", "value_id", "bucket_day");
    static final List<String> PAIR_KEY = List.of("site_id", "filter_dim", "filter_value_id", "dim", "value_id", "bucket_day");

    public void write(Connection c, RollupBatch batch) throws SQLException {
        upsert(c, "rollup_hourly", HOURLY_KEY, batch.hourlyRows(), RollupBatch.Key::columns);
        upsert(c, "rollup_daily", DAILY_KEY, batch.dailyRows(), RollupBatch.Key::columns);
        upsert(c, "rollup_pair_daily", PAIR_KEY, batch.pairRows(), RollupBatch.PairKey::columns);
    }

    /** One table's rows: the key columns from {@code keyValues}, then every counter, added on conflict. */
    private static <K> void upsert(Connection c, String table, List<String> keyColumns, List<Map.Entry<K, long[]>> rows,
                                   Function<K, int[]> keyValues) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        String columns = Arrays.stream(Counter.ALL).map(Counter::column).collect(Collectors.joining(", "));
        String updates = Arrays.stream(Counter.ALL).map(k -> k.column() + " = " + k.column() + " + VALUES(" + k.column() + ")")
                .collect(Collectors.joining(", "));
        String sql = "INSERT INTO " + table + " (" + String.join(", ", keyColumns) + ", " + columns + ") VALUES ("
                + String.join(", ", Collections.nCopies(keyColumns.size() + Counter.ALL.length, "?"))
                + ") ON DUPLICATE KEY UPDATE " + updates + " /* RollupWriter.upsert */";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (var entry : rows) {
                int i = 1;
                for (int key : keyValues.apply(entry.getKey())) {
                    ps.setInt(i++, key);
                }
                for (long value : entry.getValue()) {
                    ps.setLong(i++, value);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
