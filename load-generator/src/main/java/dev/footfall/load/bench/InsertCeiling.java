package dev.footfall.load.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The database's own ceiling for raw event rows: multi-row INSERTs of {@code events}-shaped rows
 * (the server's 28 columns and statement size), {@code rowsPerCommit} per transaction, into a
 * scratch copy of {@code events} ({@code CREATE TABLE … LIKE events}, same indexes) so real
 * data is untouched. It leaves out what the server adds per batch (dimension lookups, visit
 * upserts, rollup upserts), so it is an upper bound for the ingest rate with one writer.
 */
public final class InsertCeiling {
    static final String TABLE = "bench_insert_ceiling";
    private static final String COLUMNS = "site_id, ts, kind, visitor_id, visit_id, name_id, hostname_id, page_id,"
            + " referrer_id, source_id, utm_source_id, utm_medium_id, utm_campaign_id, utm_term_id, utm_content_id,"
            + " browser_id, browser_version_id, os_id, os_version_id, device_type_id, country, screen_width,"
            + " engagement_ms, scroll_depth, interactive, revenue_amount, revenue_currency, props";
    private static final int PARAMS = 28;

    private final String url;
    private final String user;
    private final String password;

    public InsertCeiling(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Rows inserted and the time it took. */
    public record Result(long rows, long commits, long nanos) {
        public double rowsPerSecond() {
            return nanos == 0 ? 0 : rows * 1e9 / nanos;
        }
    }

    public void createTable() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
            s.execute("CREATE TABLE " + TABLE + " LIKE events");
        }
    }

    public void dropTable() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
        }
    }

    /** Inserts for {@code durationMs} on one connection; statements of {@code rowsPerStatement} rows. */
    public Result run(long durationMs, int rowsPerStatement, int rowsPerCommit, long seed) throws SQLException {
        SplittableRandom random = new SplittableRandom(seed);
        String sql = "INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES "
                + String.join(",", java.util.Collections.nCopies(rowsPerStatement, "(" + "?,".repeat(PARAMS - 1) + "?)"))
                + " /* InsertCeiling.run */";
        int statementsPerCommit = Math.max(1, rowsPerCommit / rowsPerStatement);
        long rows = 0;
        long commits = 0;
        try (Connection c = connect(); PreparedStatement insert = c.prepareStatement(sql)) {
            c.setAutoCommit(false);
            long start = System.nanoTime();
            long end = start + TimeUnit.MILLISECONDS.toNanos(durationMs);
            while (System.nanoTime() - end < 0) {
                for (int s = 0; s < statementsPerCommit; s++) {
                    bindRows(insert, rowsPerStatement, random);
                    insert.executeUpdate();
                    rows += rowsPerStatement;
                }
                c.commit();
                commits++;
            }
            return new Result(rows, commits, System.nanoTime() - start);
        }
    }

    private static void bindRows(PreparedStatement insert, int rows, SplittableRandom random) throws SQLException {
        long now = System.currentTimeMillis();
        int p = 1;
        for (int r = 0; r < rows; r++) {
            int kind = 1 + random.nextInt(3);
            insert.setInt(p++, 1 + random.nextInt(8));
            insert.setLong(p++, now);
            insert.setInt(p++, kind);
            insert.setLong(p++, random.nextLong());
            insert.setLong(p++, random.nextLong());
            for (int dim = 0; dim < 15; dim++) {
                insert.setInt(p++, 1 + random.nextInt(dim < 3 ? 200 : 20));
            }
            insert.setString(p++, "US");
            insert.setInt(p++, 1920);
            insert.setInt(p++, kind == 3 ? random.nextInt(120_000) : 0);
            insert.setInt(p++, random.nextInt(101));
            insert.setInt(p++, kind == 3 ? 0 : 1);
            insert.setNull(p++, Types.DECIMAL);
            insert.setNull(p++, Types.CHAR);
            insert.setNull(p++, Types.VARCHAR);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}
