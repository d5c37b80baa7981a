package dev.footfall.server.rollup;

import dev.footfall.server.os.Niceness;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Rollups written behind the acknowledgement. A write batch {@link #log}s its summed deltas as one
 * {@code rollup_deltas} row in its own transaction; this folder's thread sums the logged rows of
 * many batches into one {@link RollupBatch} every {@code interval}, upserts it with
 * {@link RollupWriter} and deletes those rows in the same transaction, so each delta is counted
 * exactly once, also after a crash (the log is folded on the next start). Hot rows (the site
 * total, common sources and browsers) are then written once per fold instead of once per batch.
 *
 * <p>Stats reads call {@link #catchUp} first: it folds what was logged before the call, so a
 * report includes every acknowledged event. Several servers on one database fold side by side:
 * each locks the rows it folds ({@code FOR UPDATE SKIP LOCKED}) and {@code catchUp} waits for
 * rows another server is folding. A fold commits only if it deleted every row it summed, so a
 * database that ignores the lock cannot make two servers count one delta twice.
 */
public final class RollupFolder implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RollupFolder.class.getName());
    /** Log rows summed in one fold transaction at most. */
    static final int ROWS_PER_FOLD = 200;
    /** How long {@link #catchUp} waits for rows another server is folding. */
    private static final Duration CATCH_UP_WAIT = Duration.ofSeconds(10);

    private final DataSource db;
    private final Duration interval;
    private final RollupWriter writer = new RollupWriter();
    /** Held while folding, so this server's reads and background thread fold one at a time. */
    private final ReentrantLock folding = new ReentrantLock();
    private final Thread thread;
    private volatile boolean closing;

    /** Folds every {@code interval} on a thread {@code nice} steps below the server's ({@link Niceness}). */
    public RollupFolder(DataSource db, Duration interval, int nice) {
        this.db = db;
        this.interval = interval;
        this.thread = Thread.ofPlatform().name("footfall-rollup-folder").daemon(true).start(() -> {
            Niceness.lowerThisThread(nice);
            run();
        });
    }

    /** Logs a batch's deltas inside the caller's transaction; nothing when it has none. */
    public static void log(Connection c, RollupBatch batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rollup_deltas (deltas) VALUES (?) /* RollupFolder.log */")) {
            ps.setBytes(1, batch.encode());
            ps.executeUpdate();
        }
    }

    /**
     * Returns once every delta logged before the call is in the rollup tables: folds them here, and
     * waits (at most 10 s) for those another server is folding.
     */
    public void catchUp() {
        try {
            long last = lastLogged();
            if (last == 0) {
                return;
            }
            foldAll();
            long deadline = System.nanoTime() + CATCH_UP_WAIT.toNanos();
            while (firstLogged() <= last) {
                if (System.nanoTime() > deadline) {
                    LOG.warning("rollups: deltas up to " + last + " still unfolded after " + CATCH_UP_WAIT.toSeconds()
                            + " s; answering without them");
                    return;
                }
                Thread.sleep(10);
                foldAll();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("rollups: folding the delta log failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Deltas logged and not yet folded, for {@code /metrics}. */
    public long pending() {
        String sql = "SELECT COUNT(*) FROM rollup_deltas /* RollupFolder.pending */";
        try {
            return number(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("rollups: " + sql, e);
        }
    }

    /** Stops the background thread after folding everything logged so far. */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            foldAll();
        } catch (SQLException e) {
            LOG.warning("rollups: final fold failed (" + e.getMessage() + "); the next start folds the rest");
        }
    }

    private void run() {
        while (!closing) {
            try {
                foldAll();
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.WARNING, "rollups: fold failed, retrying in " + interval.toMillis() + " ms", e);
            }
            if (!closing) {
                LockSupport.parkNanos(interval.toNanos());
            }
        }
    }

    /** Folds until no log row is left that this server can lock. */
    private void foldAll() throws SQLException {
        folding.lock();
        try {
            while (foldOnce() == ROWS_PER_FOLD) {
                // a backlog: the next transaction takes the next rows
            }
        } finally {
            folding.unlock();
        }
    }

    /** One transaction: up to {@link #ROWS_PER_FOLD} log rows summed, upserted and deleted; returns how many. */
    private int foldOnce() throws SQLException {
        try (Connection c = db.getConnection()) {
            // Read committed: the locking read takes no gap lock at the end of the log, which
            // would hold up the writers' inserts until this fold commits.
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            c.setAutoCommit(false);
            try {
                List<Long> ids = new ArrayList<>();
                RollupBatch sum = new RollupBatch();
                try (PreparedStatement ps = c.prepareStatement("SELECT id, deltas FROM rollup_deltas ORDER BY id LIMIT "
                        + ROWS_PER_FOLD + " FOR UPDATE SKIP LOCKED /* RollupFolder.foldOnce */");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                        sum.addAll(RollupBatch.decode(rs.getBytes(2)));
                    }
                }
                if (ids.isEmpty()) {
                    c.rollback();
                    return 0;
                }
                writer.write(c, sum);
                int deleted;
                try (Statement st = c.createStatement()) {
                    deleted = st.executeUpdate("DELETE FROM rollup_deltas WHERE id IN ("
                            + ids.stream().map(String::valueOf).collect(Collectors.joining(",")) + ") /* RollupFolder.foldOnce */");
                }
                if (deleted != ids.size()) {
                    // Another server folded some of them first: only possible where the database
                    // ignores SKIP LOCKED's lock. Undo this fold; the next one reads what is left.
                    c.rollback();
                    LOG.fine(() -> "rollups: " + (ids.size() - deleted) + " deltas were folded elsewhere; fold undone");
                    return 0;
                }
                c.commit();
                return ids.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private long lastLogged() throws SQLException {
        return number("SELECT COALESCE(MAX(id), 0) FROM rollup_deltas /* RollupFolder.lastLogged */");
    }

    private long firstLogged() throws SQLException {
        return number("SELECT COALESCE(MIN(id), " + Long.MAX_VALUE + ") FROM rollup_deltas /* RollupFolder.firstLogged */");
    }

    private long number(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
