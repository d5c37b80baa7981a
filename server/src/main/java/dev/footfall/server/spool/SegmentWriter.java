package dev.footfall.server.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The flusher's half of the log: turns one batch of queued payloads into as few writes as
 * possible and one {@code fsync} per segment touched, rolling to a new segment file at
 * {@link SpoolSettings#segmentBytes()}. Only the flusher thread calls it, so it needs no locks;
 * it reports what became durable and {@link GroupCommit} publishes that to the {@link Ledger}.
 *
 * <p>The whole batch is encoded into one direct buffer and handed to the kernel in one
 * {@code write} (a heap buffer would be copied into a temporary direct one by the JDK first). The
 * buffer grows to fit the largest batch up to {@value #MAX_BUFFER_BYTES} bytes; larger batches take
 * one write per buffer-full but still one fsync. {@code force(false)} is {@code fdatasync}: it
 * skips the mtime update but, as the file grows, still commits the new size.
 */
final class SegmentWriter implements AutoCloseable {
    private static final int MIN_BUFFER_BYTES = 256 * 1024;
    private static final int MAX_BUFFER_BYTES = 16 * 1024 * 1024;

    /** What one batch made durable in one segment: its new end and record count. */
    record Progress(Segment segment, long end, long records) {
    }

    private final Path dir;
    private final long segmentBytes;
    private final RecordFormat format = new RecordFormat();
    private ByteBuffer buffer = ByteBuffer.allocateDirect(MIN_BUFFER_BYTES);
    private Segment active;
    private FileChannel channel;
    /** Bytes written to the active segment's file, including the buffer's once written. */
    private long written;
    private long activeRecords;

    SegmentWriter(Path dir, long segmentBytes) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
    }

    /** Creates the first segment to append to, for records from {@code firstSeq} on. */
    Segment start(long firstSeq) throws IOException {
        roll(firstSeq);
        return active;
    }

    /**
     * Writes and fsyncs {@code payloads}, which carry the seqs {@code firstSeq, firstSeq + 1, ...}.
     * Returns, in order, one entry per segment that received records; a segment other than the
     * one {@link #start} or an earlier call returned is new and not yet known to the log.
     */
    List<Progress> write(long firstSeq, List<byte[]> payloads) throws IOException {
        List<Progress> progress = new ArrayList<>(1);
        buffer.clear();
        long seq = firstSeq;
        int inThisSegment = 0;
        for (byte[] payload : payloads) {
            int size = RecordFormat.framedSize(payload.length);
            long filled = written + buffer.position();
            if (filled > 0 && filled + size > segmentBytes) {
                if (inThisSegment > 0) {
                    flushBuffer();
                    channel.force(false);
                    progress.add(new Progress(active, written, activeRecords));
                }
                roll(seq);
                inThisSegment = 0;
            }
            if (buffer.remaining() < size) {
                flushBuffer();
                grow(size, payloads.size());
            }
            format.encode(buffer, seq++, payload);
            activeRecords++;
            inThisSegment++;
        }
        flushBuffer();
        channel.force(false);
        progress.add(new Progress(active, written, activeRecords));
        if (buffer.capacity() > MAX_BUFFER_BYTES) {
            buffer = ByteBuffer.allocateDirect(MIN_BUFFER_BYTES);
        }
        return progress;
    }

    private void roll(long firstSeq) throws IOException {
        if (channel != null) {
            channel.close();
        }
        Segment next = new Segment(dir.resolve(Segment.fileName(firstSeq)), firstSeq);
        channel = Segment.create(next.path);
        active = next;
        written = 0;
        activeRecords = 0;
    }

    /** One write call in practice; a loop because the contract allows partial writes. */
    private void flushBuffer() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            written += channel.write(buffer, written);
        }
        buffer.clear();
    }

    /** A buffer big enough for this record, and for a batch this long of similar records. */
    private void grow(int recordSize, int batchRecords) {
        if (buffer.capacity() >= MAX_BUFFER_BYTES && buffer.capacity() >= recordSize) {
            return;
        }
        long wanted = Math.max((long) recordSize * batchRecords, (long) buffer.capacity() * 2);
        int capacity = (int) Math.max(recordSize, Math.min(wanted, MAX_BUFFER_BYTES));
        buffer = ByteBuffer.allocateDirect(capacity);
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
