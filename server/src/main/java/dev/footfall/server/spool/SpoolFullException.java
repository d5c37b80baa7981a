package dev.footfall.server.spool;

/**
 * {@link SegmentLog#append} refused a record because the undrained bytes would pass
 * {@link SpoolSettings#maxBytes()}; nothing was written and no sequence number was used. The
 * drainer is behind (MySQL down or slow): the caller should shed load, for example answer 503
 * with Retry-After, until {@link SegmentLog#release} frees room.
 */
public final class SpoolFullException extends SpoolException {
    private final long limitBytes;
    private final long depthBytes;

    SpoolFullException(long limitBytes, long depthBytes, int recordBytes) {
        super("spool: full, " + depthBytes + " undrained bytes + a record of " + recordBytes
                + " would pass the limit of " + limitBytes, null);
        this.limitBytes = limitBytes;
        this.depthBytes = depthBytes;
    }

    /** The configured limit, {@link SpoolSettings#maxBytes()}. */
    public long limitBytes() {
        return limitBytes;
    }

    /** Undrained bytes when the append was refused. */
    public long depthBytes() {
        return depthBytes;
    }
}
