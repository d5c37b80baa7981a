package dev.footfall.server.store;

import dev.footfall.server.event.Hit;
import dev.footfall.server.event.Outcome;
import dev.footfall.server.metrics.FootfallMetrics;
import dev.footfall.server.os.Niceness;
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
 * <p>Batches are as large as what is waiting ({@code batchSize} at most): under load up to 5,000
 * events per transaction instead of the few hundred a 5 ms flush window collected, which is what
 * MySQL's group commit and the rollup delta log like. While the database fails, the drainer
 * retries the same batch with back-off from 50 ms to 2 s.
 *
 * <p>The drainer runs {@code drainNice} steps below the request path ({@link Niceness}): when a
 * burst saturates the cores, the requests get them, the spool absorbs the burst, and the drain
 * catches up in full batches as soon as the load eases.
 */
public final class SpooledIngest implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SpooledIngest.class.getName());
    private static final long MAX_BACKOFF_MS = 2_000;

    private final SegmentLog log;
    /** Holds the spool directory's lock for this process's lifetime. */
    private final FileChannel lockFile;
    private final String spoolId;
    private final BatchProcessor processor;
    private final DataSource db;
    /** Where records that can never be stored are set aside ({@link #quarantine}). */
    private final Path quarantineDir;
    private final FootfallMetrics metrics;
    private final int batchSize;
    private final Thread drainer;
    /** Highest seq committed to MySQL; written by the drainer only, read by waiters. */
    private volatile long drainedSeq;
    /** Set once by {@link #close}. */
    private volatile boolean closing;
    /** Outcomes of each committed batch, for metrics; set once at construction. */
    private final Consumer<List<Outcome>> onCommitted;

    private SpooledIngest(SegmentLog log, FileChannel lockFile, String spoolId, long drainedSeq, BatchProcessor processor, DataSource db,
                          Path quarantineDir, FootfallMetrics metrics, int batchSize, int drainNice, Consumer<List<Outcome>> onCommitted) {
        this.log = log;
        this.lockFile = lockFile;
        this.spoolId = spoolId;
        this.drainedSeq = drainedSeq;
        this.processor = processor;
        this.db = db;
        this.quarantineDir = quarantineDir;
        this.metrics = metrics;
        this.batchSize = batchSize;
        this.onCommitted = onCommitted;
        this.drainer = Thread.ofPlatform().name("footfall-spool-drainer").start(() -> {
            Niceness.lowerThisThread(drainNice);
            drain();
        });
        metrics.spool(log::depthRecords, log::depthBytes, this::ageMs);
        log.onFlush(metrics::spoolFlushed);
    }

    /**
     * Opens the spool for {@code db} in {@code root}: the folder {@code root/db-<database identity>}
     * (its own id kept in {@code spool.id}), so a spool only ever drains into the database it
     * acknowledged for. Recovers it and starts draining whatever was acknowledged but not committed
     * before.
     */
    public static SpooledIngest open(Path root, SpoolSettings settings, DataSource db, BatchProcessor processor,
                                     FootfallMetrics metrics, int batchSize, int drainNice, Consumer<List<Outcome>> onCommitted) {
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
                return new SpooledIngest(log, lockFile, spoolId, mark.seq(), processor, db, dir.resolve("quarantine"), metrics, batchSize,
                        drainNice, onCommitted);
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

    /** The spool position of the last acknowledged event: a mark for {@link #missingSince}. */
    public long mark() {
        return log.lastDurableSeq();
    }

    /** How many events acknowledged up to {@code mark} are not committed to MySQL yet. */
    public long missingSince(long mark) {
        return Math.max(0, mark - drainedSeq);
    }

    /** Age in seconds of the oldest acknowledged event not in MySQL yet; 0 when none. */
    public long ageSeconds() {
        return ageMs() / 1000;
    }

    private long ageMs() {
        long oldest = log.oldestUndrainedAppendMs();
        return oldest < 0 ? 0 : System.currentTimeMillis() - oldest;
    }

    /**
     * Moves the spool into MySQL, oldest first. A batch that fails on the data itself (an SQL data
     * or constraint error, or a record that does not decode) is halved until the one record at
     * fault is alone; that record is set aside in the quarantine folder, counted, logged and passed,
     * so one bad record cannot hold up every event behind it. Any other failure (the database away)
     * is retried with back-off, the batch unchanged.
     */
    private void drain() {
        long backoffMs = 50;
        int limit = batchSize;
        while (true) {
            List<SpoolRecord> records = log.read(drainedSeq, limit, 64L << 20);
            if (records.isEmpty()) {
                if (closing) {
                    return;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
                continue;
            }
            long last = records.getLast().seq();
            try {
                store(records);
                drainedTo(last);
                backoffMs = 50;
                limit = batchSize;
            } catch (SQLException | RuntimeException e) {
                metrics.batchFailed();
                boolean dataFault = isDataFault(e);
                if (dataFault && records.size() > 1) {
                    limit = records.size() / 2;
                    LOG.log(Level.WARNING, "spool: batch of {0} records up to seq {1} refused on its data ({2}); trying {3} at a time",
                            new Object[] {records.size(), Long.toString(last), e.getMessage(), limit});
                    continue;
                }
                if (dataFault && quarantine(records.getFirst(), e)) {
                    limit = batchSize;
                    continue;
                }
                LOG.log(Level.WARNING, "spool: batch of {0} records up to seq {1} not stored, retrying in {2} ms: {3}",
                        new Object[] {records.size(), Long.toString(last), backoffMs, e.getMessage()});
                if (closing) {
                    return;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoffMs));
                backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
            }
        }
    }

    /** Everything up to {@code seq} is committed (stored, or set aside): waiters see it and the spool may free it. */
    private void drainedTo(long seq) {
        drainedSeq = seq;
        log.release(seq);
    }

    /** Stores the records' hits and the mark of the last in one transaction. */
    private void store(List<SpoolRecord> records) throws SQLException {
        List<Hit> hits = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        for (SpoolRecord r : records) {
            List<Hit> decoded;
            try {
                decoded = HitCodec.decode(r.payload());
            } catch (RuntimeException e) {
                throw new UndecodableRecord(r.seq(), e);
            }
            for (Hit hit : decoded) {
                hits.add(hit);
                seqs.add(r.seq());
            }
        }
        long startedNs = System.nanoTime();
        List<Outcome> outcomes = processor.process(hits, new SpoolMark(spoolId, records.getLast().seq()), seqs);
        metrics.batchCommitted(hits.size(), System.nanoTime() - startedNs);
        onCommitted.accept(outcomes);
    }

    /** A spool record that passed its checksum but is not a record this version can read. */
    private static final class UndecodableRecord extends RuntimeException {
        UndecodableRecord(long seq, RuntimeException cause) {
            super("spool record " + seq + " does not decode: " + cause.getMessage(), cause);
        }
    }

    /**
     * Faults of the data, which no retry mends: SQL states of class 22 (data exception: a value out
     * of range, too long, malformed) and 23 (constraint violation), and undecodable records.
     * Connection, lock and server faults are other classes and are retried.
     */
    static boolean isDataFault(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UndecodableRecord) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes the record to {@code quarantine/<seq>.rec} (its bytes as spooled: enriched hits, no IP
     * address) and commits the spool's mark past it; false when either fails (then it is retried).
     */
    private boolean quarantine(SpoolRecord record, Throwable why) {
        try {
            Files.createDirectories(quarantineDir);
            Path file = quarantineDir.resolve(record.seq() + ".rec");
            Files.write(file, record.payload());
            new SpoolMark(spoolId, record.seq()).saveAlone(db);
            drainedTo(record.seq());
            metrics.spoolRecordQuarantined();
            LOG.log(Level.SEVERE, "spool: record {0} can never be stored ({1}); set aside as {2}, the drain goes on",
                    new Object[] {Long.toString(record.seq()), why.getMessage(), file});
            return true;
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "spool: cannot set record " + record.seq() + " aside: " + e.getMessage());
            return false;
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
