package dev.footfall.server.store;

import dev.footfall.server.event.Hit;
import dev.footfall.server.event.Outcome;
import dev.footfall.server.metrics.FootfallMetrics;
import dev.footfall.server.spool.HitCodec;
import dev.footfall.server.spool.SegmentLog;
import dev.footfall.server.spool.SpoolException;
import dev.footfall.server.spool.SpoolRecord;
import dev.footfall.server.spool.SpoolSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Live ingest through the local spool: {@link #append} returns once a request's hits are fsynced
 * to the spool ({@link SegmentLog}, group-committed), and one drainer thread moves them into MySQL
 * in large batches through the same {@link BatchProcessor} as every other write, committing the
 * spool's high-water mark ({@link SpoolMark}) in the same transaction. A database outage is then
 * a growing backlog, not refused events; after it the drainer catches up, each event stored once.
 *
 * <p>Batches are as large as what is waiting ({@code batchSize} at most): under load about 2,000
 * events per transaction instead of the few hundred a 5 ms flush window collected, which is what
 * MySQL's group commit and the rollup delta log like. While the database fails, the drainer
 * retries the same batch with back-off from 50 ms to 2 s.
 */
public final class SpooledIngest implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SpooledIngest.class.getName());
    private static final long MAX_BACKOFF_MS = 2_000;

    private final SegmentLog log;
    /** Holds the spool directory's lock for this process's lifetime. */
    private final FileChannel lockFile;
    private final String spoolId;
    private final BatchProcessor processor;
    private final FootfallMetrics metrics;
    private final int batchSize;
    private final Thread drainer;
    /** Highest seq committed to MySQL; written by the drainer only, read by waiters. */
    private volatile long drainedSeq;
    /** Set once by {@link #close}. */
    private volatile boolean closing;
    /** Outcomes of each committed batch, for metrics; set once at construction. */
    private final Consumer<List<Outcome>> onCommitted;

    private SpooledIngest(SegmentLog log, FileChannel lockFile, String spoolId, long drainedSeq, BatchProcessor processor, FootfallMetrics metrics,
                          int batchSize, Consumer<List<Outcome>> onCommitted) {
        this.log = log;
        this.lockFile = lockFile;
        this.spoolId = spoolId;
        this.drainedSeq = drainedSeq;
        this.processor = processor;
        this.metrics = metrics;
        this.batchSize = batchSize;
        this.onCommitted = onCommitted;
        this.drainer = Thread.ofPlatform().name("footfall-spool-drainer").start(this::drain);
        metrics.spool(log::depthRecords, log::depthBytes, this::ageMs);
    }

    /**
     * Opens the spool for {@code db} in {@code root}: the folder {@code root/db-<database identity>}
     * (its own id kept in {@code spool.id}), so a spool only ever drains into the database it
     * acknowledged for. Recovers it and starts draining whatever was acknowledged but not committed
     * before.
     */
    public static SpooledIngest open(Path root, SpoolSettings settings, DataSource db, BatchProcessor processor,
                                     FootfallMetrics metrics, int batchSize, Consumer<List<Outcome>> onCommitted) {
        Path dir = root;
        try {
            dir = root.resolve("db-" + databaseIdentity(db));
            Files.createDirectories(dir);
            FileChannel lockFile = FileChannel.open(dir.resolve("spool.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockFile.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                lockFile.close();
                throw new IllegalStateException("spool: " + dir + " is in use by another Footfall instance;"
                        + " give each instance its own FOOTFALL_SPOOL_DIR");
            }
            try {
                Path idFile = dir.resolve("spool.id");
                if (!Files.exists(idFile)) {
                    Files.writeString(idFile, UUID.randomUUID().toString());
                }
                String spoolId = Files.readString(idFile, StandardCharsets.UTF_8).strip();
                SpoolMark mark = SpoolMark.load(db, spoolId);
                SegmentLog log = SegmentLog.open(dir, settings, mark.seq());
                return new SpooledIngest(log, lockFile, spoolId, mark.seq(), processor, metrics, batchSize, onCommitted);
            } catch (IOException | SQLException | RuntimeException e) {
                lockFile.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("spool: cannot open " + dir, e);
        } catch (SQLException e) {
            throw new IllegalStateException("spool: cannot read the spool's mark from the database", e);
        }
    }

    private static String databaseIdentity(DataSource db) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM database_identity /* SpooledIngest.databaseIdentity */")) {
            if (!rs.next()) {
                throw new SQLException("database_identity is empty");
            }
            return rs.getString(1);
        }
    }

    /**
     * Makes the hits durable in the spool; returns once fsynced. Throws {@link SpoolException}
     * ({@code SpoolFullException} when the spool holds {@code maxBytes} undrained) and writes
     * nothing then.
     */
    public void append(List<Hit> hits, long timeoutMs) {
        if (!hits.isEmpty()) {
            log.appendDurable(HitCodec.encode(hits), timeoutMs);
        }
    }

    /**
     * Waits until everything acknowledged before the call is committed to MySQL, at most
     * {@code timeoutMs}; true when it is. Reports call this so they include every acknowledged event.
     */
    public boolean awaitDrained(long timeoutMs) {
        long target = log.lastDurableSeq();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (drainedSeq < target) {
            if (System.nanoTime() > deadline || closing) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        return true;
    }

    private long ageMs() {
        long oldest = log.oldestUndrainedAppendMs();
        return oldest < 0 ? 0 : System.currentTimeMillis() - oldest;
    }

    private void drain() {
        long backoffMs = 50;
        while (true) {
            List<SpoolRecord> records = log.read(drainedSeq, batchSize, 64L << 20);
            if (records.isEmpty()) {
                if (closing) {
                    return;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
                continue;
            }
            List<Hit> hits = new ArrayList<>();
            List<Long> seqs = new ArrayList<>();
            for (SpoolRecord r : records) {
                for (Hit hit : HitCodec.decode(r.payload())) {
                    hits.add(hit);
                    seqs.add(r.seq());
                }
            }
            long last = records.getLast().seq();
            long startedNs = System.nanoTime();
            try {
                List<Outcome> outcomes = processor.process(hits, new SpoolMark(spoolId, last), seqs);
                metrics.batchCommitted(hits.size(), System.nanoTime() - startedNs);
                drainedSeq = last;
                log.release(last);
                onCommitted.accept(outcomes);
                backoffMs = 50;
            } catch (SQLException | RuntimeException e) {
                metrics.batchFailed();
                LOG.log(Level.WARNING, "spool: batch of {0} events up to seq {1} not stored, retrying in {2} ms: {3}",
                        new Object[] {hits.size(), Long.toString(last), backoffMs, e.getMessage()});
                if (closing) {
                    return;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoffMs));
                backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
            }
        }
    }

    /** Stops intake, drains what the database takes within 10 s (the rest stays spooled for the next start) and closes the spool. */
    @Override
    public void close() {
        awaitDrained(10_000);
        closing = true;
        try {
            drainer.join(TimeUnit.SECONDS.toMillis(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.close();
        try {
            lockFile.close();
        } catch (IOException e) {
            LOG.warning("spool: cannot release the lock: " + e.getMessage());
        }
    }
}
