package dev.footfall.server.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Rebuilds the log's view of its directory at open: reads every segment frame by frame, cuts a
 * torn or corrupt tail off the last segment, and deletes segments the drainer already committed.
 *
 * <p>Only the last segment can end in a torn write: the writer fsyncs a segment before it creates
 * the next. So a bad frame there is a crash mid-write, and it and everything after it (never
 * acknowledged) is cut off with {@code truncate}. A bad frame in an earlier segment is damage to
 * acknowledged data; the file is left as it is for inspection, its readable part ends there, and
 * the later segments are still read. Nothing here throws on bad data, only on I/O errors.
 *
 * <p>Cost: one sequential read of every byte in the directory (at most
 * {@link SpoolSettings#maxBytes()} plus a segment), CRC-checked. Measured on the loaded 2-core build
 * VM: 91 MB (300,000 records of 300 bytes) warm in the page cache in 110–870 ms, so a full 1 GiB
 * spool opens in roughly 1–10 s; from a cold disk add its sequential read time.
 */
final class Recovery {
    private static final Logger LOG = Logger.getLogger(Recovery.class.getName());

    /**
     * What is on disk after recovery.
     *
     * @param segments      readable segments with undrained records, oldest first; the oldest
     *                      may have a released prefix (records ≤ committedSeq)
     * @param lastSeq       highest seq any segment file holds or is named after, 0 if none
     * @param modifiedMs    each kept segment's mtime, standing in for its records' append times
     */
    record Result(List<Segment> segments, long lastSeq, List<Long> modifiedMs) {
    }

    private Recovery() {
    }

    static Result run(Path dir, long committedSeq) throws IOException {
        TreeMap<Long, Path> files = new TreeMap<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir, "*" + Segment.SUFFIX)) {
            for (Path file : listing) {
                OptionalLong firstSeq = Segment.parseName(file.getFileName().toString());
                if (firstSeq.isPresent() && Files.isRegularFile(file)) {
                    files.put(firstSeq.getAsLong(), file);
                }
            }
        }
        List<Segment> kept = new ArrayList<>();
        List<Long> modifiedMs = new ArrayList<>();
        long lastSeq = 0;
        boolean changed = false;
        for (var entry : files.entrySet()) {
            Segment segment = new Segment(entry.getValue(), entry.getKey());
            if (segment.firstSeq <= lastSeq) {
                LOG.log(Level.SEVERE, "spool: {0} starts at seq {1} but seq {2} was already read; ignoring the file",
                        new Object[] {segment.path, Long.toString(segment.firstSeq), Long.toString(lastSeq)});
                continue;
            }
            long mtime = Files.getLastModifiedTime(segment.path).toMillis();
            changed |= scan(segment, entry.getKey().equals(files.lastKey()), committedSeq);
            lastSeq = Math.max(segment.firstSeq - 1, segment.lastSeq());
            if (segment.records == 0 || segment.lastSeq() <= committedSeq) {
                LOG.log(Level.FINE, "spool: deleting {0}, nothing in it above committed seq {1}",
                        new Object[] {segment.path, Long.toString(committedSeq)});
                segment.delete();
                changed = true;
            } else {
                kept.add(segment);
                modifiedMs.add(mtime);
            }
        }
        if (changed) {
            Segment.syncDirectory(dir);
        }
        return new Result(kept, lastSeq, modifiedMs);
    }

    /** Reads one segment's frames into its counters; true when the file was truncated. */
    private static boolean scan(Segment segment, boolean last, long committedSeq) throws IOException {
        try (FileChannel channel = last
                ? FileChannel.open(segment.path, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(segment.path, StandardOpenOption.READ)) {
            long size = channel.size();
            SegmentReader reader = new SegmentReader(channel, 0, size, segment.firstSeq);
            while (true) {
                switch (reader.next()) {
                    case SegmentReader.Frame.Good good -> {
                        segment.records++;
                        segment.end = good.offset() + good.size();
                        if (good.seq() <= committedSeq) {
                            segment.releasedRecords = segment.records;
                            segment.releasedBytes = segment.end;
                        }
                    }
                    case SegmentReader.Frame.End ignored -> {
                        return false;
                    }
                    case SegmentReader.Frame.Damaged damaged when last -> {
                        LOG.log(Level.WARNING, "spool: {0}: at offset {2}: {1}; truncating, {3} bytes dropped",
                                new Object[] {segment.path, damaged.reason(), Long.toString(damaged.offset()),
                                        Long.toString(size - damaged.offset())});
                        channel.truncate(damaged.offset());
                        channel.force(true);
                        return true;
                    }
                    case SegmentReader.Frame.Damaged damaged -> {
                        LOG.log(Level.WARNING, "spool: {0}: at offset {2}: {1}; {3} bytes from there on unreadable,"
                                        + " later segments still read",
                                new Object[] {segment.path, damaged.reason(), Long.toString(damaged.offset()),
                                        Long.toString(size - damaged.offset())});
                        return false;
                    }
                }
            }
        }
    }
}
