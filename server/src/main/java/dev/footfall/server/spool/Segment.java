package dev.footfall.server.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the log knows about one segment file {@code NNNNNNNNNNNNNNNNNNNN.seg}, named after the
 * 20-digit seq of its first record, so a directory listing sorted by name is in seq order and
 * finding the file that holds a seq needs no index. Records inside are contiguous: the k-th
 * record has seq {@code firstSeq + k}, which lets release count records without reading them.
 *
 * <p>Holds no open file: the writer keeps its own channel for the one segment it appends to and
 * readers open their own. A channel is closed for good when a thread is interrupted inside one of
 * its operations, so sharing one between a request thread and the flusher would let an
 * interrupted drainer break every later write.
 *
 * <p>The mutable counters describe the durable, readable part only and are guarded by the
 * owning {@link SegmentLog}'s lock.
 */
final class Segment {
    static final String SUFFIX = ".seg";
    private static final Logger LOG = Logger.getLogger(Segment.class.getName());
    private static final int NAME_DIGITS = 20;

    final Path path;
    final long firstSeq;
    /** Bytes of valid, durable records from the start of the file. */
    long end;
    /** Number of those records; the last one has seq {@code firstSeq + records - 1}. */
    long records;
    /** Bytes and records at the start that the drainer released; only the oldest segment has any. */
    long releasedBytes;
    long releasedRecords;

    Segment(Path path, long firstSeq) {
        this.path = path;
        this.firstSeq = firstSeq;
    }

    /** Seq of the last durable record, or {@code firstSeq - 1} while empty. */
    long lastSeq() {
        return firstSeq + records - 1;
    }

    long undrainedBytes() {
        return end - releasedBytes;
    }

    long undrainedRecords() {
        return records - releasedRecords;
    }

    static String fileName(long firstSeq) {
        return String.format("%0" + NAME_DIGITS + "d%s", firstSeq, SUFFIX);
    }

    /** The first seq a segment file's name stands for; empty for any other file. */
    static OptionalLong parseName(String name) {
        if (name.length() != NAME_DIGITS + SUFFIX.length() || !name.endsWith(SUFFIX)) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < NAME_DIGITS; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
        }
        try {
            return OptionalLong.of(Long.parseLong(name, 0, NAME_DIGITS, 10));
        } catch (NumberFormatException tooLarge) {
            return OptionalLong.empty();
        }
    }

    /** Creates the file for a new segment and returns the channel to append to it. */
    static FileChannel create(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        syncDirectory(path.getParent());
        return channel;
    }

    /** A fresh read-only channel, closed by the caller. */
    FileChannel openForReading() throws IOException {
        return FileChannel.open(path, StandardOpenOption.READ);
    }

    void delete() throws IOException {
        Files.deleteIfExists(path);
    }

    /**
     * Makes file creations and deletions in {@code dir} durable (fsync of the directory), so a new
     * segment's name survives a power cut along with its fsynced data. About one fsync's cost, paid
     * once per roll and per release that deleted files. Not every platform can open a directory as
     * a channel; there the metadata is left to the file system.
     */
    static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException unsupported) {
            LOG.log(Level.FINE, "spool: cannot fsync directory {0}: {1}", new Object[] {dir, unsupported});
        }
    }

    @Override
    public String toString() {
        return path.getFileName().toString();
    }
}
