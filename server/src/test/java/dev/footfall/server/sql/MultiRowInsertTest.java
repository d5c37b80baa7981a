package dev.footfall.server.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.footfall.server.TestInfra;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Values written as literals arrive exactly as given, whatever the text holds, and a long batch is cut into several statements. */
class MultiRowInsertTest {
    static String url;

    @BeforeAll
    static void database() throws SQLException {
        String name = "multirow_" + ProcessHandle.current().pid();
        TestInfra.mariaDb().createDatabase(name);
        url = TestInfra.mariaDb().jdbcUrl(name);
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, n INT NULL, d DECIMAL(18,4) NULL, s TEXT NULL, c CHAR(2) NOT NULL DEFAULT '')"
                    + " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");
        }
    }

    @Test
    void textOfAnyKindArrivesUnchanged() throws SQLException {
        List<String> texts = List.of("plain", "it's", "back\\slash\\", "\"quoted\"", "'); DROP TABLE t; --", "emoji 🦶 and ü",
                "nul\u0000byte", "X'41'", "line\nbreak\ttab", "%_wildcards");
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (MultiRowInsert insert = new MultiRowInsert(c, "INSERT INTO t (id, n, d, s, c) VALUES ", " /* MultiRowInsertTest */")) {
                for (int i = 0; i < texts.size(); i++) {
                    insert.row().value(i).value(i % 2 == 0 ? null : Integer.valueOf(-i)).value(new BigDecimal("12.3450"))
                            .text(texts.get(i)).text("");
                }
                insert.row().value(100).nullValue().value((BigDecimal) null).text(null).text("DE");
                insert.finish();
            }
            c.commit();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, n, d, s, c FROM t WHERE id < 1000 ORDER BY id")) {
                for (int i = 0; i < texts.size(); i++) {
                    rs.next();
                    assertEquals(i, rs.getLong(1));
                    assertEquals(i % 2 == 0 ? null : -i, (Integer) rs.getObject(2));
                    assertEquals(new BigDecimal("12.3450"), rs.getBigDecimal(3));
                    assertEquals(texts.get(i), rs.getString(4));
                    assertEquals("", rs.getString(5));
                }
                rs.next();
                assertNull(rs.getObject(2));
                assertNull(rs.getObject(3));
                assertNull(rs.getObject(4));
                assertEquals("DE", rs.getString(5));
            }
        }
    }

    @Test
    void aBatchLongerThanOneStatementIsCutAndUpsertsAddUp() throws SQLException {
        String big = "y".repeat(1000);
        int rows = 3 * MultiRowInsert.MAX_STATEMENT_CHARS / 1000;
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            for (int round = 0; round < 2; round++) {
                try (MultiRowInsert upsert = new MultiRowInsert(c, "INSERT INTO t (id, n, s) VALUES ", " ON DUPLICATE KEY UPDATE n = n + VALUES(n)")) {
                    for (int i = 0; i < rows; i++) {
                        upsert.row().value(10_000 + i).value(Integer.valueOf(1)).text(big);
                    }
                    upsert.finish();
                }
            }
            c.commit();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(n), MIN(LENGTH(s)) FROM t WHERE id >= 10000")) {
                rs.next();
                assertEquals(rows, rs.getLong(1));
                assertEquals(2L * rows, rs.getLong(2), "the second round added to the first");
                assertEquals(1000, rs.getInt(3));
            }
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "root", "");
    }
}
