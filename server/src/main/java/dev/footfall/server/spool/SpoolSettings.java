package dev.footfall.server.spool;

/**
 * Limits of one {@link SegmentLog}.
 *
 * <p>{@code maxBytes} bounds the framed bytes of undrained records (appended, not yet released by
 * the drainer): it is what the spool may cost on disk while MySQL is down. Beyond it
 * {@link SegmentLog#append} throws {@link SpoolFullException} and the ingest path falls back to
 * shedding load. Disk use can exceed it by up to one segment, because release deletes whole
 * segments only and the segment being written is never deleted.
 *
 * <p>{@code segmentBytes} is the size at which the writer rolls to a new file. Bigger segments mean
 * fewer files and fsyncs of the directory; smaller ones free disk sooner after a release. It also
 * bounds one record: a payload may be at most {@code segmentBytes - 16} bytes.
 *
 * <p>{@code groupCommitMaxWaitMicros} is how long the flusher waits, after the first record of a
 * batch arrives, for more before it writes and fsyncs. 0 (the default) writes at once; batching
 * still happens because appends queue up while an fsync runs. A wait only pays when fsyncs are
 * the bottleneck (many appenders, slow disk), and costs that much latency per acknowledgement.
 *
 * @param maxBytes                 most undrained framed bytes, at least {@code segmentBytes}
 * @param segmentBytes             roll size of a segment file, 1 KiB to 1 GiB
 * @param groupCommitMaxWaitMicros flusher's wait for more records per batch, 0 to 1,000,000
 */
public record SpoolSettings(long maxBytes, long segmentBytes, int groupCommitMaxWaitMicros) {
    /** Smallest segment: a few records of a typical 200–500 byte event. Tests use it to roll often. */
    public static final long MIN_SEGMENT_BYTES = 1024;
    /** Largest segment; offsets stay far from int overflow in record lengths. */
    public static final long MAX_SEGMENT_BYTES = 1L << 30;
    /** Longest group-commit wait: beyond a second it is an outage, not batching. */
    public static final int MAX_GROUP_COMMIT_WAIT_MICROS = 1_000_000;

    public SpoolSettings {
        if (segmentBytes < MIN_SEGMENT_BYTES || segmentBytes > MAX_SEGMENT_BYTES) {
            throw new IllegalArgumentException("spool: segmentBytes must be between " + MIN_SEGMENT_BYTES
                    + " and " + MAX_SEGMENT_BYTES + ", got " + segmentBytes);
        }
        if (maxBytes < segmentBytes) {
            throw new IllegalArgumentException("spool: maxBytes (" + maxBytes
                    + ") must be at least segmentBytes (" + segmentBytes + ")");
        }
        if (groupCommitMaxWaitMicros < 0 || groupCommitMaxWaitMicros > MAX_GROUP_COMMIT_WAIT_MICROS) {
            throw new IllegalArgumentException("spool: groupCommitMaxWaitMicros must be between 0 and "
                    + MAX_GROUP_COMMIT_WAIT_MICROS + ", got " + groupCommitMaxWaitMicros);
        }
    }

    /** 1 GiB of undrained events (some hours of a busy site's traffic), 64 MiB segments, no wait. */
    public static SpoolSettings defaults() {
        return new SpoolSettings(1L << 30, 64L << 20, 0);
    }

    /**
     * {@code maxBytes} with segments of 64 MiB, or an eighth of it when that is smaller (at least
     * {@link #MIN_SEGMENT_BYTES}), and the given group-commit wait.
     */
    public static SpoolSettings ofMaxBytes(long maxBytes, int groupCommitMaxWaitMicros) {
        return new SpoolSettings(maxBytes, Math.max(MIN_SEGMENT_BYTES, Math.min(64L << 20, maxBytes / 8)), groupCommitMaxWaitMicros);
    }

    /** Largest payload one record can carry: a segment minus the record header. */
    public int maxPayloadBytes() {
        return (int) (segmentBytes - RecordFormat.HEADER_BYTES);
    }
}
