package dev.footfall.server.store;

import dev.footfall.server.config.FootfallConfig;
import dev.footfall.server.event.Hit;
import dev.footfall.server.event.Outcome;
import dev.footfall.server.metrics.FootfallMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The write buffer between request handlers and the database. Handlers append their hits and
 * wait on a future; a batch is committed when it holds {@code batchSize} events or its oldest
 * event has waited {@code flushIntervalMs}. A request is answered only after its batch
 * committed. When {@code maxBufferedEvents} are waiting, {@link #submit} refuses with
 * {@link BufferFullException} rather than dropping anything. {@link #close} stops intake and
 * commits what is buffered.
 *
 * <p>Batches are written by {@code writerThreads} lanes, each with its own buffer and thread; a
 * visitor's events always go to the same lane (by visitor id), so the visit state of one visitor
 * is never read and written by two batches at once. Lanes overlap one batch's Redis and database
 * waits with another's, which pays only when the database has cores to spare: on 2 cores one lane
 * ingests about 50 % more than four (docs/benchmarks-history.md, "Writer lanes"), hence the default of half
 * the cores.
 */
public final class BatchWriter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BatchWriter.class.getName());

    private final BatchProcessor processor;
    private final FootfallConfig.Writer config;
    private final FootfallMetrics metrics;
    private final List<Lane> lanes = new ArrayList<>();
    /** Events waiting in all lanes; checked against {@code maxBufferedEvents}. */
    private final AtomicInteger buffered = new AtomicInteger();

    private record Pending(List<Hit> hits, CompletableFuture<List<Outcome>> done) {
    }

    public BatchWriter(BatchProcessor processor, FootfallConfig.Writer config, FootfallMetrics metrics) {
        this.processor = processor;
        this.config = config;
        this.metrics = metrics;
        for (int i = 0; i < config.writerThreads(); i++) {
            lanes.add(new Lane(i));
        }
        metrics.bufferDepth(this::depth);
    }

    /** Queues hits for the next batch; the future completes with one outcome per hit after commit. */
    public CompletableFuture<List<Outcome>> submit(List<Hit> hits) {
        CompletableFuture<List<Outcome>> done = new CompletableFuture<>();
        if (hits.isEmpty()) {
            done.complete(List.of());
            return done;
        }
        if (buffered.addAndGet(hits.size()) > config.maxBufferedEvents()) {
            buffered.addAndGet(-hits.size());
            throw new BufferFullException(config.maxBufferedEvents());
        }
        lanes.get(laneOf(hits.getFirst())).add(new Pending(hits, done));
        return done;
    }

    /**
     * Queues hits of many visitors (an import chunk): each goes to the lane of its {@code laneKeys}
     * entry, in the given order, so a visitor's events stay in order across chunks submitted one
     * after another. The key must stay the same for a visitor across midnight (its hashed id does
     * not), so a visit over midnight is continued by the lane that holds it. The future completes
     * with one outcome per hit, in the given order, once every lane committed.
     */
    public CompletableFuture<List<Outcome>> submitSpread(List<Hit> hits, long[] laneKeys) {
        List<List<Integer>> positions = new ArrayList<>();
        List<List<Hit>> perLane = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            positions.add(new ArrayList<>());
            perLane.add(new ArrayList<>());
        }
        for (int i = 0; i < hits.size(); i++) {
            int lane = Math.floorMod(Long.hashCode(laneKeys[i]), lanes.size());
            positions.get(lane).add(i);
            perLane.get(lane).add(hits.get(i));
        }
        if (buffered.addAndGet(hits.size()) > config.maxBufferedEvents()) {
            buffered.addAndGet(-hits.size());
            throw new BufferFullException(config.maxBufferedEvents());
        }
        List<CompletableFuture<List<Outcome>>> parts = new ArrayList<>();
        for (int lane = 0; lane < lanes.size(); lane++) {
            CompletableFuture<List<Outcome>> part = new CompletableFuture<>();
            parts.add(part);
            if (perLane.get(lane).isEmpty()) {
                part.complete(List.of());
            } else {
                lanes.get(lane).add(new Pending(perLane.get(lane), part));
            }
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Outcome[] outcomes = new Outcome[hits.size()];
            for (int lane = 0; lane < parts.size(); lane++) {
                List<Outcome> part = parts.get(lane).join();
                for (int k = 0; k < part.size(); k++) {
                    outcomes[positions.get(lane).get(k)] = part.get(k);
                }
            }
            return java.util.Arrays.asList(outcomes);
        });
    }

    private int laneOf(Hit hit) {
        return Math.floorMod(Long.hashCode(hit.visitor().id()), lanes.size());
    }

    /** Events waiting for a batch right now. */
    public int depth() {
        return buffered.get();
    }

    @Override
    public void close() {
        lanes.forEach(Lane::stop);
        lanes.forEach(Lane::join);
    }

    /** One buffer and the thread that commits it. */
    private final class Lane {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition notEmpty = lock.newCondition();
        private final Thread thread;
        /** Requests waiting for this lane's next batch; swapped for an empty list by the lane's thread. */
        private List<Pending> buffer = new ArrayList<>();
        /** Hits in {@link #buffer}; reset with it. */
        private int bufferedHits;
        /** Nanotime when the oldest request in {@link #buffer} arrived. */
        private long oldestNs;
        /** Set once by {@link #stop}; no submission is accepted after it. */
        private boolean closing;

        Lane(int index) {
            this.thread = Thread.ofPlatform().name("footfall-batch-writer-" + index).start(this::run);
        }

        void add(Pending pending) {
            lock.lock();
            try {
                if (closing) {
                    buffered.addAndGet(-pending.hits().size());
                    throw new IllegalStateException("writer: shutting down");
                }
                if (buffer.isEmpty()) {
                    oldestNs = System.nanoTime();
                }
                buffer.add(pending);
                bufferedHits += pending.hits().size();
                notEmpty.signal();
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
                        return swap();
                    }
                    notEmpty.awaitNanos(waitNs);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closing = true;
                List<Pending> batch = swap();
                return batch.isEmpty() ? null : batch;
            } finally {
                lock.unlock();
            }
        }

        private List<Pending> swap() {
            List<Pending> batch = buffer;
            buffer = new ArrayList<>();
            bufferedHits = 0;
            return batch;
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
            } finally {
                buffered.addAndGet(-hits.size());
            }
        }

        void stop() {
            lock.lock();
            try {
                closing = true;
                notEmpty.signalAll();
            } finally {
                lock.unlock();
            }
        }

        void join() {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
