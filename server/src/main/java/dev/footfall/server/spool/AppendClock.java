package dev.footfall.server.spool;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * When undrained records were appended, to one-second precision, for the "oldest undrained
 * event" age on /metrics and /health. The frame has no timestamp (the payload's own event time is
 * the caller's business), and one long per record would cost 8 bytes per undrained event (40 MB
 * for 5 million), so this keeps a mark {@code (seq, ms)} only when an append starts a new second:
 * at most one per second of backlog, about 1.4 MB for a day with the drainer down.
 *
 * <p>The answer for a record is the mark at or before its seq, so it may be up to one second
 * early. After a restart each segment contributes one mark, its file's mtime at its first
 * undrained seq; an mtime is when the segment was last written, so a recovered backlog looks up
 * to one segment's fill time younger than it is. Not thread-safe: guarded by the log's lock.
 */
final class AppendClock {
    private static final long PRECISION_MS = 1000;

    private record Mark(long seq, long ms) {
    }

    private final ArrayDeque<Mark> marks = new ArrayDeque<>();

    /** Records that {@code seq} was appended at {@code nowMs}, unless a mark of that second exists. */
    void appended(long seq, long nowMs) {
        Mark last = marks.peekLast();
        if (last == null || nowMs / PRECISION_MS != last.ms / PRECISION_MS) {
            marks.addLast(new Mark(seq, nowMs));
        }
    }

    /** A recovered segment: its records from {@code seq} on were last written at {@code ms}. */
    void recovered(long seq, long ms) {
        marks.addLast(new Mark(seq, ms));
    }

    /** Forgets marks no undrained record needs once everything ≤ {@code releasedSeq} is drained. */
    void released(long releasedSeq) {
        while (marks.size() > 1) {
            Iterator<Mark> it = marks.iterator();
            it.next();
            if (it.next().seq > releasedSeq + 1) {
                return;
            }
            marks.removeFirst();
        }
    }

    /** Append time of the first record after {@code releasedSeq}, or -1 without marks. */
    long oldestMs(long releasedSeq) {
        Mark best = null;
        for (Mark mark : marks) {
            if (best != null && mark.seq > releasedSeq + 1) {
                break;
            }
            best = mark;
        }
        return best == null ? -1 : best.ms;
    }
}
