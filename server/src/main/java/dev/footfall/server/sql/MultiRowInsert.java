package dev.footfall.server.sql;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A multi-row {@code INSERT} written as SQL text, for the writer's large batches: numbers as
 * decimal literals and text as {@code _utf8mb4 X'…'} hex literals, so no value can end its
 * literal early whatever it holds, under any {@code sql_mode}. These are the statements a driver
 * makes of a JDBC batch with {@code rewriteBatchedStatements=true}, without its bind object per
 * value: binding was 17 % of the server's CPU samples under load (issue 14). A statement is sent
 * once it passes {@value #MAX_STATEMENT_CHARS} characters, far below any server's
 * {@code max_allowed_packet}, so a batch of any size fits. The text is built in one buffer sized
 * for that once. The limit keeps every copy of a statement below half a G1 region (512 KB in the
 * server's 300 MB heap), the size from which G1 allocates straight into the old generation: the
 * driver's packet for a statement is its length times the charset's 4 bytes per character, so
 * the 1 MB statements sent before made 4 MB packets, and those started one old-generation marking
 * in three under live load (JFR, wrk at 128 connections).
 *
 * <pre>{@code
 * try (MultiRowInsert insert = new MultiRowInsert(c, "INSERT INTO t (a, b) VALUES ", " /* Who.what *\/")) {
 *     insert.row().value(1).text("x");
 *     insert.finish();
 * }
 * }</pre>
 */
public final class MultiRowInsert implements AutoCloseable {
    static final int MAX_STATEMENT_CHARS = 96 * 1024;
    /** Room for the row that crosses {@link #MAX_STATEMENT_CHARS}; a longer row only grows the buffer. */
    private static final int LAST_ROW_CHARS = 16 * 1024;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final Connection connection;
    private final String head;
    private final String tail;
    private final StringBuilder sql = new StringBuilder(MAX_STATEMENT_CHARS + LAST_ROW_CHARS);
    private Statement statement;
    /** Rows in {@link #sql} so far. */
    private int rows;
    /** Values in the current row so far. */
    private int values;

    /** {@code head}: up to and including {@code VALUES }; {@code tail}: what follows the rows (an upsert clause, a comment). */
    public MultiRowInsert(Connection connection, String head, String tail) {
        this.connection = connection;
        this.head = head;
        this.tail = tail;
    }

    /** Starts the next row; sends the rows so far first when their statement is long. */
    public MultiRowInsert row() throws SQLException {
        if (sql.length() >= MAX_STATEMENT_CHARS) {
            send();
        }
        sql.append(rows == 0 ? head : "),").append('(');
        rows++;
        values = 0;
        return this;
    }

    public MultiRowInsert value(long v) {
        separate().append(v);
        return this;
    }

    /** A number, or NULL. */
    public MultiRowInsert value(Integer v) {
        return v == null ? nullValue() : value(v.longValue());
    }

    /** A decimal, or NULL: its plain string has only digits, a sign and a point. */
    public MultiRowInsert value(BigDecimal v) {
        if (v == null) {
            return nullValue();
        }
        separate().append(v.toPlainString());
        return this;
    }

    /** Text as a UTF-8 hex literal, or NULL. */
    public MultiRowInsert text(String v) {
        if (v == null) {
            return nullValue();
        }
        StringBuilder out = separate();
        if (v.isEmpty()) {
            out.append("''");
            return this;
        }
        out.append("_utf8mb4 X'");
        for (byte b : v.getBytes(StandardCharsets.UTF_8)) {
            out.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        out.append('\'');
        return this;
    }

    public MultiRowInsert nullValue() {
        separate().append("NULL");
        return this;
    }

    /** Sends the rows not yet sent, inside the caller's transaction. */
    public void finish() throws SQLException {
        send();
    }

    @Override
    public void close() throws SQLException {
        if (statement != null) {
            statement.close();
        }
    }

    private StringBuilder separate() {
        if (values++ > 0) {
            sql.append(',');
        }
        return sql;
    }

    private void send() throws SQLException {
        if (rows == 0) {
            return;
        }
        sql.append(')').append(tail);
        if (statement == null) {
            statement = connection.createStatement();
            statement.setEscapeProcessing(false);
        }
        statement.executeUpdate(sql.toString());
        rows = 0;
        sql.setLength(0);
    }
}
