package dev.footfall.server.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.server.RunningServer;
import dev.footfall.server.rollup.FactBackfill;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The upgrade path of the visit facts (V12): the facts the batch writer booked for random traffic
 * in two zones equal, row for row, what {@link FactBackfill} books from the stored events and
 * visits once they are gone (as on an installation upgraded from V11), in chunks of 500 event ids
 * (so visits straddle chunks).
 */
class FactBackfillTest {
    static RunningServer server;
    static DataSource db;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.startWithAdminToken("test-admin-token");
        db = server.footfall().dataSource();
        RandomTraffic.site(server.footfall(), "facts0.test", ZoneId.of("Europe/Berlin"), 7, LocalDate.of(2025, 10, 20),
                LocalDate.of(2025, 10, 28), 12);
        RandomTraffic.site(server.footfall(), "facts1.test", ZoneId.of("Asia/Kolkata"), 8, LocalDate.of(2025, 10, 20),
                LocalDate.of(2025, 10, 28), 12);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theBackfillBooksWhatTheWriterBooked() throws Exception {
        List<List<Object>> days = rows("SELECT * FROM visit_days ORDER BY site_id, day, visit_id");
        List<List<Object>> pages = rows("SELECT * FROM visit_pages ORDER BY site_id, day, visit_id, page_id");
        assertTrue(days.size() > 100, "traffic booked visit facts: " + days.size());
        long maxId = scalar("SELECT MAX(id) FROM events");
        try (Connection c = db.getConnection()) {
            assertTrue(FactBackfill.done(c));
        }

        // As after the migration on an installation with these events: no facts, everything to fill.
        update("DELETE FROM visit_days");
        update("DELETE FROM visit_pages");
        update("UPDATE visit_fact_backfill SET upto_event_id = " + maxId + ", next_event_id = 1, visits_done = 0 WHERE id = 1");
        try (Connection c = db.getConnection()) {
            assertFalse(FactBackfill.done(c));
        }
        FactBackfill backfill = new FactBackfill(db, 500);
        assertTrue(backfill.run(60_000));
        try (Connection c = db.getConnection()) {
            assertTrue(FactBackfill.done(c));
        }
        assertEquals(days, rows("SELECT * FROM visit_days ORDER BY site_id, day, visit_id"));
        assertEquals(pages, rows("SELECT * FROM visit_pages ORDER BY site_id, day, visit_id, page_id"));
    }

    private static List<List<Object>> rows(String sql) throws SQLException {
        return TestRows.rows(db, sql);
    }

    private static long scalar(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void update(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }
}
