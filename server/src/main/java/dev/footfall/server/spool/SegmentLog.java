package dev.footfall.server.spool;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A durable local spool of opaque event payloads: the ingest path acknowledges a request once its
 * events are fsynced here, and a drainer moves them to MySQL at its own pace. A MySQL stall then
 * costs disk space (bounded by {@link SpoolSettings#maxBytes()}) instead of request latency or
 * lost events.
 *
 * <p>Layout: a directory of segment files named after their first seq ({@link Segment}), each a
 * run of CRC-checked frames ({@link RecordFormat}). {@link #append} reserves the next seq and
 * queues the payload; one flusher thread writes everything queued with one {@code write} and one
 * {@code fdatasync}, then wakes that batch's waiters, while new appends collect for the next
 * fsync ({@link GroupCommit}). {@link #read} and {@link #release} serve the drainer from the
 * files ({@link Drain}); {@link Ledger} keeps the counts; {@link Recovery} runs at open.
 *
 * <p>Costs, measured with {@code SpoolThroughput} (test sources) on the 2-core build VM, ext4 on
 * a virtual disk, in three runs while another build ran (load average 2.7 to 5, hence the spread):
 * <ul>
 *   <li>one {@code write} of 316 bytes plus {@code fdatasync}: 0.22–0.43 ms median, 2.5–6.3 ms p99;
 *   <li>one thread calling {@link #appendDurable} in a loop: 900–2,500 records/s, one fsync each;
 *   <li>64 virtual threads appending 300-byte payloads: the one flusher group-commits 23,000–57,000
 *       records/s, 36–43 records per fsync, each appender waiting 1.1–2.7 ms on average;
 *   <li>256 threads: 70,000–142,000 records/s, 120–155 records per fsync, waits of 1.8–3.6 ms.
 * </ul>
 * The fsync rate stays at 500–1,500/s whatever the load; what grows with concurrent appenders is
 * the batch, which is the point of group commit. CRC32C of a 300-byte record costs 35 ns.
 *
 * <p>Thread-safe. Never holds a lock across an fsync that an appender would wait on.
 */
public final class SegmentLog implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SegmentLog.class.getName());

    private final Path dir;
    private final SpoolSettings settings;
    private final Ledger ledger;
    private final GroupCommit commit;
    private final Drain drain;

    private SegmentLog(Path dir, SpoolSettings settings, Ledger ledger, GroupCommit commit) {
        this.dir = dir;
        this.settings = settings;
        this.ledger = ledger;
        this.commit = commit;
        this.drain = new Drain(dir, ledger);
    }

    /**
     * Opens (creating if needed) the spool in {@code dir}: recovers its segments, cutting a torn
     * tail off the last one, deletes segments holding nothing above {@code committedSeq}, and
     * starts the flusher. New seqs continue after the highest seq on disk or {@code committedSeq},
     * whichever is higher; records ≤ {@code committedSeq} still on disk count as released.
     *
     * @param committedSeq highest seq the drainer has committed to MySQL, 0 if none
     * @throws IOException if the directory or a segment cannot be read, or a new segment not created
     */
    public static SegmentLog open(Path dir, SpoolSettings settings, long committedSeq) throws IOException {
        Objects.requireNonNull(settings, "settings");
        if (committedSeq < 0) {
            throw new IllegalArgumentException("spool: committedSeq must not be negative, got " + committedSeq);
        }
        Files.createDirectories(dir);
        Recovery.Result found = Recovery.run(dir, committedSeq);
        Ledger ledger = new Ledger(settings.maxBytes(), found, committedSeq);
        long lastSeq = Math.max(found.lastSeq(), committedSeq);
        SegmentLog log = new SegmentLog(dir, settings, ledger, new GroupCommit(dir, settings, ledger, lastSeq));
        log.commit.start();
        LOG.log(Level.INFO, "spool: {0} open, {1} undrained records ({2} bytes), next seq {3}", new Object[] {dir,
                Long.toString(ledger.depthRecords()), Long.toString(ledger.depthBytes()), Long.toString(lastSeq + 1)});
        return log;
    }

    /**
     * Reserves the next seq for {@code payload} and queues it for the flusher; returns the seq
     * without waiting for the disk. The array belongs to the spool from now on: do not modify it.
     *
     * @throws SpoolFullException    if the undrained bytes would pass {@link SpoolSettings#maxBytes()};
     *                               nothing is queued and no seq is used
     * @throws SpoolException.Failed if the log is closed or its flusher failed
     * @throws IllegalArgumentException if the payload exceeds {@link SpoolSettings#maxPayloadBytes()}
     */
    public long append(byte[] payload) {
        if (payload.length > settings.maxPayloadBytes()) {
            throw new IllegalArgumentException("spool: payload of " + payload.length
                    + " bytes is larger than a segment allows (" + settings.maxPayloadBytes() + ")");
        }
        return commit.append(payload, RecordFormat.framedSize(payload.length), System.currentTimeMillis());
    }

    /**
     * Blocks until an fsync covers {@code seq}; returns at once if one already has.
     *
     * @throws SpoolException.Timeout     after {@code timeoutMs}; the record stays queued
     * @throws SpoolException.Interrupted if interrupted; the interrupt flag is set again
     * @throws SpoolException.Failed      if the flusher failed before the record was durable
     * @throws IllegalArgumentException   if {@code seq} was never appended
     */
    public void awaitDurable(long seq, long timeoutMs) {
        commit.awaitDurable(seq, timeoutMs);
    }

    /**
     * Tells {@code listener} of every write and fsync: the records it made durable and the
     * nanoseconds it took (what each acknowledgement waits for at most once it is queued). Called
     * on the flusher thread; it must be quick.
     */
    public void onFlush(FlushListener listener) {
        commit.onFlush(Objects.requireNonNull(listener, "listener"));
    }

    /** {@link #append} then {@link #awaitDurable}: returns the seq once the record is on disk. */
    public long appendDurable(byte[] payload, long timeoutMs) {
        long seq = append(payload);
        awaitDurable(seq, timeoutMs);
        return seq;
    }

    /**
     * Durable records with seq above {@code afterSeq}, in seq order: at most {@code maxRecords}, and
     * no more payload bytes than {@code maxBytes} unless the first record alone is larger (so a big
     * record cannot stall the drainer). Empty when nothing durable is newer. Sequential reads (each
     * {@code afterSeq} the last seq returned) resume where the previous one stopped.
     *
     * @throws SpoolException.Failed if the log is closed or a file cannot be read
     */
    public List<SpoolRecord> read(long afterSeq, int maxRecords, long maxBytes) {
        if (maxRecords < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("spool: maxRecords and maxBytes must be positive");
        }
        ensureOpen();
        try {
            return drain.read(afterSeq, maxRecords, maxBytes);
        } catch (IOException e) {
            throw ioFailure("reading", e);
        }
    }

    /**
     * The drainer committed every record up to {@code upToSeq} (capped at {@link #lastDurableSeq()})
     * to MySQL: their bytes stop counting against {@link SpoolSettings#maxBytes()}, and segments
     * lying entirely at or below it are deleted. The segment being written is kept even when all
     * of it is released; it goes with the first release after the writer rolled past it.
     */
    public void release(long upToSeq) {
        ensureOpen();
        try {
            drain.release(Math.min(upToSeq, commit.durableSeq()));
        } catch (IOException e) {
            throw ioFailure("releasing", e);
        }
    }

    /** Undrained records: appended (durable or still queued) and not yet released. */
    public long depthRecords() {
        return ledger.depthRecords();
    }

    /** Framed bytes of the undrained records, the figure {@link SpoolSettings#maxBytes()} bounds. */
    public long depthBytes() {
        return ledger.depthBytes();
    }

    /**
     * Epoch ms when the oldest undrained record was appended, to the second ({@link AppendClock});
     * after a restart its segment file's mtime. -1 when nothing is undrained.
     */
    public long oldestUndrainedAppendMs() {
        return ledger.oldestUndrainedAppendMs();
    }

    /** Highest seq known durable: fsynced here, or at open the higher of the disk's and committedSeq. */
    public long lastDurableSeq() {
        return commit.durableSeq();
    }

    /** Batches the flusher wrote so far, about one fsync each; for measurements. */
    long batchesWritten() {
        return commit.batches();
    }

    /**
     * Refuses new appends, lets the flusher write and fsync everything queued, waits for it and
     * closes the segment file. Idempotent; an interrupt while waiting is restored afterwards.
     */
    @Override
    public void close() {
        try {
            if (commit.close()) {
                LOG.log(Level.INFO, "spool: {0} closed at durable seq {1}",
                        new Object[] {dir, Long.toString(commit.durableSeq())});
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, e, () -> "spool: closing " + dir + " failed");
        }
    }

    private void ensureOpen() {
        if (commit.closing()) {
            throw new SpoolException.Failed("spool: " + dir + " is closed", null);
        }
    }

    private SpoolException ioFailure(String what, IOException e) {
        if (e instanceof ClosedByInterruptException) {
            Thread.currentThread().interrupt();
            return new SpoolException.Interrupted(what + " " + dir, e);
        }
        return new SpoolException.Failed("spool: " + what + " " + dir + " failed", e);
    }
}
