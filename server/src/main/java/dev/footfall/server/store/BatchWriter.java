package dev.footfall.server.store;

import dev.footfall.server.config.FootfallConfig;
import dev.footfall.server.ingest.Hit;
import dev.footfall.server.ingest.Outcome;
import dev.footfall.server.metrics.FootfallMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The write buffer between request handlers and the database. Handlers append their hits and
 * wait on a future; one writer thread swaps the buffer under a short lock and commits it as one
 * batch when it holds {@code batchSize} events or its oldest event has waited
 * {@code flushIntervalMs}. A request is answered only after its batch committed. When
 * {@code maxBufferedEvents} are waiting, {@link #submit} refuses with {@link BufferFullException}
 * rather than dropping anything. {@link #close} stops intake and commits what is buffered.
 */
public final class BatchWriter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BatchWriter.class.getName());

    private final BatchProcessor processor;
    private final FootfallConfig.Writer config;
    private final FootfallMetrics metrics;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Thread thread;

    /** Requests waiting for the next batch; swapped for an empty list by the writer thread. */
    private List<Pending> buffer = new ArrayList<>();
    /** Hits in {@link #buffer}; reset with it. */
    private int bufferedHits;
    /** Nanotime when the oldest request in {@link #buffer} arrived. */
    private long oldestNs;
    /** Set once by {@link #close}; no submission is accepted after it. */
    private boolean closing;

    private record Pending(List<Hit> hits, CompletableFuture<List<Outcome>> done) {
    }

    public BatchWriter(BatchProcessor processor, FootfallConfig.Writer config, FootfallMetrics metrics) {
        this.processor = processor;
        this.config = config;
        this.metrics = metrics;
        metrics.bufferDepth(this::depth);
        this.thread = Thread.ofPlatform().name("footfall-batch-writer").daemon(false).start(this::run);
    }

    /** Queues hits for the next batch; the future completes with one outcome per hit after commit. */
    public CompletableFuture<List<Outcome>> submit(List<Hit> hits) {
        CompletableFuture<List<Outcome>> done = new CompletableFuture<>();
        if (hits.isEmpty()) {
            done.complete(List.of());
            return done;
        }
        lock.lock();
        try {
            if (closing) {
                throw new IllegalStateException("writer: shutting down");
            }
            if (bufferedHits + hits.size() > config.maxBufferedEvents()) {
                throw new BufferFullException(config.maxBufferedEvents());
            }
            if (buffer.isEmpty()) {
                oldestNs = System.nanoTime();
            }
            buffer.add(new Pending(hits, done));
            bufferedHits += hits.size();
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
        return done;
    }

    /** Events waiting for a batch right now. */
    public int depth() {
        lock.lock();
        try {
            return bufferedHits;
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (true) {
            List<Pending> batch = takeBatch();
            if (batch == null) {
                return;
            }
            commit(batch);
        }
    }

    /** Waits for a full batch or the flush deadline; null once closed and drained. */
    private List<Pending> takeBatch() {
        lock.lock();
        try {
            while (true) {
                if (buffer.isEmpty()) {
                    if (closing) {
                        return null;
                    }
                    notEmpty.await();
                    continue;
                }
                long waitNs = TimeUnit.MILLISECONDS.toNanos(config.flushIntervalMs()) - (System.nanoTime() - oldestNs);
                if (bufferedHits >= config.batchSize() || waitNs <= 0 || closing) {
                    List<Pending> batch = buffer;
                    buffer = new ArrayList<>();
                    bufferedHits = 0;
                    return batch;
                }
                notEmpty.awaitNanos(waitNs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing = true;
            List<Pending> batch = buffer;
            buffer = new ArrayList<>();
            bufferedHits = 0;
            return batch.isEmpty() ? null : batch;
        } finally {
            lock.unlock();
        }
    }

    private void commit(List<Pending> batch) {
        List<Hit> hits = new ArrayList<>();
        batch.forEach(p -> hits.addAll(p.hits()));
        long startedNs = System.nanoTime();
        try {
            List<Outcome> outcomes = processor.process(hits);
            metrics.batchCommitted(hits.size(), System.nanoTime() - startedNs);
            int from = 0;
            for (Pending p : batch) {
                p.done().complete(outcomes.subList(from, from + p.hits().size()));
                from += p.hits().size();
            }
        } catch (Exception e) {
            metrics.batchFailed();
            LOG.log(Level.WARNING, "writer: batch of " + hits.size() + " events failed: " + e.getMessage(), e);
            batch.forEach(p -> p.done().completeExceptionally(e));
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
