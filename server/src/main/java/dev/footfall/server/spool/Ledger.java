package dev.footfall.server.spool;

import dev.footfall.server.spool.SegmentWriter.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The spool's bookkeeping: which segments hold durable records, how many undrained records and
 * bytes there are (the figure {@link SpoolSettings#maxBytes()} bounds) and when the oldest was
 * appended. Appends, the flusher and the drainer all update it, each under this one short lock
 * that is never held across I/O: a plan is taken under it, the I/O done outside, the outcome
 * applied under it again.
 *
 * <p>Invariant: the last segment in the list is the one the writer appends to (or the one it just
 * left while rolling); it is never deleted, so a release can never delete a file still being
 * written. Undrained counts include queued records not yet durable.
 */
final class Ledger {
    /** A segment's durable extent, copied under the lock for I/O outside it. */
    record View(Segment segment, long end, long lastSeq) {
    }

    /** What a release will do: delete {@code doomed} whole, release a prefix of {@code head}. */
    record ReleasePlan(List<Segment> doomed, View head) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final long maxBytes;
    private final List<Segment> segments;
    private final AppendClock clock = new AppendClock();
    private long releasedSeq;
    private long depthBytes;
    private long depthRecords;

    Ledger(long maxBytes, Recovery.Result found, long committedSeq) {
        this.maxBytes = maxBytes;
        this.segments = new ArrayList<>(found.segments());
        this.releasedSeq = committedSeq;
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            depthBytes += segment.undrainedBytes();
            depthRecords += segment.undrainedRecords();
            clock.recovered(segment.firstSeq + segment.releasedRecords, found.modifiedMs().get(i));
        }
    }

    /** Counts record {@code seq} of {@code size} framed bytes, or refuses it when the spool is full. */
    void admit(long seq, int size, long nowMs) {
        lock.lock();
        try {
            if (depthBytes + size > maxBytes) {
                throw new SpoolFullException(maxBytes, depthBytes, size);
            }
            depthBytes += size;
            depthRecords++;
            clock.appended(seq, nowMs);
        } finally {
            lock.unlock();
        }
    }

    /** The writer created {@code segment} and will append to it. */
    void started(Segment segment) {
        lock.lock();
        try {
            segments.add(segment);
        } finally {
            lock.unlock();
        }
    }

    /** One batch is durable: the segments it touched now end further, and new ones join the list. */
    void published(List<Progress> progress) {
        lock.lock();
        try {
            for (Progress step : progress) {
                if (segments.getLast() != step.segment()) {
                    segments.add(step.segment());
                }
                step.segment().end = step.end();
                step.segment().records = step.records();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Segments with durable records above {@code afterSeq}, oldest first. */
    List<View> views(long afterSeq) {
        lock.lock();
        try {
            List<View> views = new ArrayList<>();
            for (Segment segment : segments) {
                if (segment.lastSeq() > afterSeq) {
                    views.add(new View(segment, segment.end, segment.lastSeq()));
                }
            }
            return views;
        } finally {
            lock.unlock();
        }
    }

    /** The plan for releasing up to durable seq {@code upTo}, or null if nothing new is released. */
    ReleasePlan plan(long upTo) {
        lock.lock();
        try {
            if (upTo <= releasedSeq) {
                return null;
            }
            List<Segment> doomed = new ArrayList<>();
            for (int i = 0; i < segments.size() - 1 && segments.get(i).lastSeq() <= upTo; i++) {
                doomed.add(segments.get(i));
            }
            Segment first = segments.get(doomed.size());
            View head = first.firstSeq <= upTo ? new View(first, first.end, first.lastSeq()) : null;
            return new ReleasePlan(doomed, head);
        } finally {
            lock.unlock();
        }
    }

    /** Applies a plan: {@code headOffset} is where record {@code upTo} ends in the head segment. */
    void apply(ReleasePlan plan, long upTo, long headOffset) {
        lock.lock();
        try {
            for (Segment segment : plan.doomed()) {
                segments.removeFirst();
                depthBytes -= segment.undrainedBytes();
                depthRecords -= segment.undrainedRecords();
            }
            if (plan.head() != null) {
                Segment segment = plan.head().segment();
                long records = Math.min(upTo, plan.head().lastSeq()) - segment.firstSeq + 1;
                depthBytes -= headOffset - segment.releasedBytes;
                depthRecords -= records - segment.releasedRecords;
                segment.releasedBytes = headOffset;
                segment.releasedRecords = records;
            }
            releasedSeq = upTo;
            clock.released(upTo);
        } finally {
            lock.unlock();
        }
    }

    long depthRecords() {
        lock.lock();
        try {
            return depthRecords;
        } finally {
            lock.unlock();
        }
    }

    long depthBytes() {
        lock.lock();
        try {
            return depthBytes;
        } finally {
            lock.unlock();
        }
    }

    long oldestUndrainedAppendMs() {
        lock.lock();
        try {
            return depthRecords == 0 ? -1 : clock.oldestMs(releasedSeq);
        } finally {
            lock.unlock();
        }
    }
}
