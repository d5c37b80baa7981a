package dev.footfall.server.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Secondary indexes of the visit facts that a server builds after start-up instead of in a
 * migration, because the build grows with the history and a migration would hold the start until
 * it ends ({@code ix_visit_pages_page}: 7 s for the 4.2 M {@code visit_pages} rows of the 10 M-event
 * backfill on 2 cores, so minutes for a few hundred million events). Each is added online
 * ({@code ALGORITHM=INPLACE, LOCK=NONE}: the writer goes on booking facts meanwhile, and waits only
 * for the table's metadata lock at the start and the end); on a new installation the tables are
 * empty and the build is instant. An index changes no answer, only how a report reads, so reports
 * are right before, during and after the build. Another server instance building the same index at
 * once makes this one's attempt fail as a duplicate, which counts as built.
 */
public final class FactIndexes {
    private static final Logger LOG = Logger.getLogger(FactIndexes.class.getName());

    /** An index: its table, name and columns. */
    record Index(String table, String name, String columns) {
    }

    /**
     * {@code visit_pages} by site, page and day: the rows of the pages a report's page condition
     * selects, instead of every page row of each day ({@code query.FactReader}); with {@code events}
     * (and the key's {@code visit_id}) it holds all that {@code query.PageVisits} asks of a page row,
     * so the visits with a matching page are read from the index alone. The writer changes an entry
     * only when a row's {@code events} does (a page's second pageview or custom event in a visit and day).
     */
    static final List<Index> INDEXES = List.of(new Index("visit_pages", "ix_visit_pages_page", "site_id, page_id, day, events"));

    /** MySQL's and MariaDB's "Duplicate key name". */
    private static final int DUPLICATE_KEY_NAME = 1061;

    private final DataSource db;
    /** True once every index exists; never reset. */
    private volatile boolean done;

    public FactIndexes(DataSource db) {
        this.db = db;
    }

    /** Builds the indexes that do not exist yet, one after the other; true once all exist. */
    public boolean run() {
        if (done) {
            return true;
        }
        try (Connection c = db.getConnection()) {
            for (Index index : INDEXES) {
                if (!exists(c, index)) {
                    build(c, index);
                }
            }
            done = true;
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("facts: cannot build the visit facts' indexes: " + e.getMessage(), e);
        }
    }

    static boolean exists(Connection c, Index index) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM information_schema.statistics WHERE table_schema = DATABASE()"
                + " AND table_name = ? AND index_name = ? /* FactIndexes.exists */")) {
            ps.setString(1, index.table());
            ps.setString(2, index.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void build(Connection c, Index index) throws SQLException {
        long started = System.nanoTime();
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE " + index.table() + " ADD INDEX " + index.name() + " (" + index.columns() + "),"
                    + " ALGORITHM=INPLACE, LOCK=NONE /* FactIndexes.build */");
        } catch (SQLException e) {
            if (e.getErrorCode() != DUPLICATE_KEY_NAME) {
                throw e;
            }
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        LOG.info(() -> "facts: index " + index.name() + " on " + index.table() + " built in " + ms + " ms");
    }
}
