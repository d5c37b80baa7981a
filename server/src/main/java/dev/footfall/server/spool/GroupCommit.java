package dev.footfall.server.spool;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit: many request threads append, one flusher thread makes their records durable.
 * {@link #append} reserves a seq and adds the payload to the pending batch under a short lock;
 * the flusher swaps the pending batch for an empty one, writes and fsyncs it through the
 * {@link SegmentWriter} without any lock, publishes the result to the {@link Ledger}, and opens the
 * batch's latch, which wakes exactly the waiters of that batch. Appends made meanwhile collect in
 * the new pending batch, so the batch size follows the load: one record per fsync when idle,
 * hundreds under a burst, with no timer in between (unless
 * {@link SpoolSettings#groupCommitMaxWaitMicros()} asks for one).
 *
 * <p>Lock order: this class's lock, then the ledger's. The flusher is a platform daemon thread:
 * it spends its life in blocking {@code write} and {@code fsync} calls, where a virtual thread
 * would hold on to its carrier anyway, and being a daemon it does not keep a JVM alive whose owner forgot
 * {@link #close} (acknowledged records are already on disk then).
 */
final class GroupCommit {
    private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());

    /** Payloads queued for one write and fsync; their waiters share one latch. */
    private static final class Batch {
        final long firstSeq;
        long lastSeq;
        final List<byte[]> payloads = new ArrayList<>();
        final CountDownLatch done = new CountDownLatch(1);
        volatile Throwable failure;

        Batch(long firstSeq) {
            this.firstSeq = firstSeq;
            this.lastSeq = firstSeq - 1;
        }
    }

    private final Path dir;
    private final Ledger ledger;
    private final SegmentWriter writer;
    private final long waitNanos;
    private final Thread flusher;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    // Guarded by lock.
    private Batch pending;
    private Batch writing;
    private long nextSeq;
    private boolean closing;
    private boolean writerClosed;
    private boolean flusherIdle;
    private Throwable failure;
    // Written under lock after the ledger has the batch; read without it by awaitDurable's fast path.
    private volatile long durableSeq;
    /** Batches written, one fsync each (two when a batch rolls to a new segment). */
    private volatile long batches;
    /** Told each batch's record count and the nanoseconds its write and fsync took. */
    private volatile FlushListener onFlush = FlushListener.NONE;

    /** Creates the first segment for seqs after {@code lastSeq}; {@link #start} starts the flusher. */
    GroupCommit(Path dir, SpoolSettings settings, Ledger ledger, long lastSeq) throws IOException {
        this.dir = dir;
        this.ledger = ledger;
        this.writer = new SegmentWriter(dir, settings.segmentBytes());
        this.waitNanos = TimeUnit.MICROSECONDS.toNanos(settings.groupCommitMaxWaitMicros());
        ledger.started(writer.start(lastSeq + 1));
        this.nextSeq = lastSeq + 1;
        this.durableSeq = lastSeq;
        this.pending = new Batch(nextSeq);
        this.flusher = Thread.ofPlatform().name("spool-flusher " + dir.getFileName()).daemon(true)
                .unstarted(this::flushLoop);
    }

    void start() {
        flusher.start();
    }

    long append(byte[] payload, int size, long nowMs) {
        lock.lock();
        try {
            if (failure != null) {
                throw new SpoolException.Failed("spool: " + dir + " failed: " + failure, failure);
            }
            if (closing) {
                throw new SpoolException.Failed("spool: " + dir + " is closed", null);
            }
            ledger.admit(nextSeq, size, nowMs);
            long seq = nextSeq++;
            pending.payloads.add(payload);
            pending.lastSeq = seq;
            if (flusherIdle) {
                flusherIdle = false;
                work.signal();
            }
            return seq;
        } finally {
            lock.unlock();
        }
    }

    void awaitDurable(long seq, long timeoutMs) {
        if (seq <= durableSeq) {
            return;
        }
        Batch batch;
        lock.lock();
        try {
            if (seq <= durableSeq) {
                return;
            }
            if (seq >= nextSeq) {
                throw new IllegalArgumentException("spool: seq " + seq + " was never appended");
            }
            batch = writing != null && seq <= writing.lastSeq ? writing : pending;
        } finally {
            lock.unlock();
        }
        try {
            if (!batch.done.await(timeoutMs, TimeUnit.MILLISECONDS)) {
                throw new SpoolException.Timeout(seq, timeoutMs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpoolException.Interrupted("waiting for seq " + seq, e);
        }
        if (batch.failure != null) {
            throw new SpoolException.Failed("spool: seq " + seq + " was not made durable", batch.failure);
        }
    }

    long durableSeq() {
        return durableSeq;
    }

    long batches() {
        return batches;
    }

    void onFlush(FlushListener listener) {
        onFlush = listener;
    }

    boolean closing() {
        lock.lock();
        try {
            return closing;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses new appends, waits until the flusher wrote what is queued, closes the file; true
     * for the call that closed it.
     */
    boolean close() throws IOException {
        lock.lock();
        try {
            closing = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (flusher.isAlive()) {
            try {
                flusher.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        lock.lock();
        try {
            if (writerClosed) {
                return false;
            }
            writerClosed = true;
            writer.close();
            return true;
        } finally {
            lock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void flushLoop() {
        try {
            while (true) {
                Batch batch;
                lock.lock();
                try {
                    while (pending.payloads.isEmpty() && !closing) {
                        flusherIdle = true;
                        work.await();
                    }
                    flusherIdle = false;
                    if (pending.payloads.isEmpty()) {
                        return;
                    }
                    for (long left = waitNanos; left > 0 && !closing; ) {
                        left = work.awaitNanos(left);
                    }
                    batch = pending;
                    writing = batch;
                    pending = new Batch(nextSeq);
                } finally {
                    lock.unlock();
                }
                long startedNs = System.nanoTime();
                ledger.published(writer.write(batch.firstSeq, batch.payloads));
                onFlush.flushed(batch.payloads.size(), System.nanoTime() - startedNs);
                lock.lock();
                try {
                    durableSeq = batch.lastSeq;
                    writing = null;
                    batches++;
                } finally {
                    lock.unlock();
                }
                batch.done.countDown();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        } catch (Throwable e) {
            fail(e);
        }
    }

    /** The flusher cannot go on: fail every waiting record and refuse new ones. */
    private void fail(Throwable cause) {
        List<Batch> failed = new ArrayList<>(2);
        lock.lock();
        try {
            failure = cause;
            if (writing != null) {
                failed.add(writing);
            }
            failed.add(pending);
            writing = null;
        } finally {
            lock.unlock();
        }
        LOG.log(Level.SEVERE, cause, () -> "spool: flusher of " + dir + " stopped after seq " + durableSeq
                + "; appends fail until the spool is reopened");
        for (Batch batch : failed) {
            batch.failure = cause;
            batch.done.countDown();
        }
    }
}
