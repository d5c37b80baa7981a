package dev.footfall.server.rollup;

import dev.footfall.server.sql.MultiRowInsert;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
        String head = "INSERT INTO " + table + " (" + String.join(", ", keyColumns) + ", " + COUNTERS + ") VALUES ";
        try (MultiRowInsert upsert = new MultiRowInsert(c, head, ADD_ON_CONFLICT)) {
            for (var entry : rows) {
                upsert.row();
                for (int key : keyValues.apply(entry.getKey())) {
                    upsert.value(key);
                }
                for (long value : entry.getValue()) {
                    upsert.value(value);
                }
            }
            upsert.finish();
        }
    }
}
