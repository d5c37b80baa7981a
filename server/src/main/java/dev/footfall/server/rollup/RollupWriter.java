package dev.footfall.server.rollup;

import dev.footfall.server.sql.MultiRowInsert;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Applies a {@link RollupBatch} inside the caller's transaction with multi-row
 * {@code INSERT … ON DUPLICATE KEY UPDATE c = c + VALUES(c)}: the upsert form MySQL 8.4, MariaDB
 * and TiDB all accept, written as SQL text of numbers by {@link MultiRowInsert}.
 */
public final class RollupWriter {
    static final List<String> HOURLY_KEY = List.of("site_id", "dim", "value_id", "bucket_hour");
    static final List<String> DAILY_KEY = List.of("site_id", "dim", "value_id", "bucket_day");
    static final List<String> PAIR_KEY = List.of("site_id", "filter_dim", "filter_value_id", "dim", "value_id", "bucket_day");
    private static final String COUNTERS = Arrays.stream(Counter.ALL).map(Counter::column).collect(Collectors.joining(", "));
    private static final String ADD_ON_CONFLICT = " ON DUPLICATE KEY UPDATE " + Arrays.stream(Counter.ALL)
            .map(k -> k.column() + " = " + k.column() + " + VALUES(" + k.column() + ")").collect(Collectors.joining(", "))
            + " /* RollupWriter.upsert */";

    public void write(Connection c, RollupBatch batch) throws SQLException {
        upsert(c, "rollup_hourly", HOURLY_KEY, batch.hourly());
        upsert(c, "rollup_daily", DAILY_KEY, batch.daily());
        upsert(c, "rollup_pair_daily", PAIR_KEY, batch.pairs());
    }

    /** One table's rows in primary-key order (so concurrent writers lock rows in one order): the key columns, then every counter, added on conflict. */
    private static void upsert(Connection c, String table, List<String> keyColumns, RowTable rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        String head = "INSERT INTO " + table + " (" + String.join(", ", keyColumns) + ", " + COUNTERS + ") VALUES ";
        try (MultiRowInsert upsert = new MultiRowInsert(c, head, ADD_ON_CONFLICT)) {
            for (int row : rows.sortedRows()) {
                upsert.row();
                for (int k = 0; k < rows.keyColumns(); k++) {
                    upsert.value(rows.column(row, k));
                }
                for (int counter = 0; counter < Counter.ALL.length; counter++) {
                    upsert.value(rows.counter(row, counter));
                }
            }
            upsert.finish();
        }
    }
}
