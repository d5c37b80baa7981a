package dev.footfall.server.spool;

import java.util.Arrays;
import java.util.Objects;

/**
 * One durable record as the drainer reads it back: its sequence number and the opaque payload the
 * ingest path serialised. Equality compares payload contents (a record's default would compare
 * array identity), so tests and dedup code can compare records directly.
 *
 * @param seq     sequence number, unique and increasing within one spool directory
 * @param payload the bytes given to {@link SegmentLog#append}; callers must not modify it
 */
public record SpoolRecord(long seq, byte[] payload) {
    public SpoolRecord {
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SpoolRecord(long otherSeq, byte[] otherPayload)
                && seq == otherSeq && Arrays.equals(payload, otherPayload);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seq) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "SpoolRecord[seq=" + seq + ", " + payload.length + " bytes]";
    }
}
