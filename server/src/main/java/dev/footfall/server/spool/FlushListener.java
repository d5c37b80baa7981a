package dev.footfall.server.spool;

/** Told of each write and fsync of a {@link SegmentLog}'s flusher, on the flusher thread: it must be quick. */
@FunctionalInterface
public interface FlushListener {
    FlushListener NONE = (records, nanos) -> { };

    /** {@code records} became durable in one write and fsync that took {@code nanos}. */
    void flushed(int records, long nanos);
}
