package dev.footfall.server.spool;

/**
 * Why the spool could not take or acknowledge a record. Unchecked, and sealed so the ingest path
 * can switch over every case: {@link SpoolFullException} (shed load or write to MySQL directly),
 * {@link Timeout} (the record may still become durable; answer as for an overload),
 * {@link Interrupted} (the request thread was interrupted; its flag is set again) and
 * {@link Failed} (closed, or an I/O error: the spool takes nothing more until reopened).
 */
public abstract sealed class SpoolException extends RuntimeException
        permits SpoolFullException, SpoolException.Timeout, SpoolException.Interrupted, SpoolException.Failed {

    SpoolException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@link SegmentLog#awaitDurable} gave up before an fsync covered the record. */
    public static final class Timeout extends SpoolException {
        private final long seq;

        Timeout(long seq, long timeoutMs) {
            super("spool: seq " + seq + " not durable after " + timeoutMs + " ms", null);
            this.seq = seq;
        }

        /** The record that was not yet durable; it is still queued and may become durable later. */
        public long seq() {
            return seq;
        }
    }

    /** The calling thread was interrupted while waiting or reading; the interrupt flag is restored. */
    public static final class Interrupted extends SpoolException {
        Interrupted(String what, Throwable cause) {
            super("spool: interrupted while " + what, cause);
        }
    }

    /**
     * The log is closed or its flusher hit an I/O error. After a failed write or fsync the page
     * cache state is unknown (a retried fsync may report success for lost data), so the log does
     * not retry: records not yet acknowledged are lost to the caller, acknowledged ones stay on disk.
     */
    public static final class Failed extends SpoolException {
        Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
