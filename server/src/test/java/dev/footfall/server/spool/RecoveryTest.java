package dev.footfall.server.spool;

import static dev.footfall.server.spool.SegmentLogTest.TIMEOUT_MS;
import static dev.footfall.server.spool.SegmentLogTest.payload;
import static dev.footfall.server.spool.SegmentLogTest.readAll;
import static dev.footfall.server.spool.SegmentLogTest.segmentFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Open-time recovery from torn and corrupt segments, checked on the bytes of real files. */
class RecoveryTest {
    /** 10 records of a 50-byte payload, 66 bytes framed: the last one starts at offset 594, the file ends at 660. */
    static final int RECORD = 66;
    static final int LAST = 9 * RECORD;

    /** Ways a segment's tail gets damaged, with what recovery must keep and log. */
    enum Damage {
        CUT_MID_PAYLOAD(LAST + 16 + 20, 9, 36),
        CUT_MID_HEADER(LAST + 7, 9, 7),
        FLIPPED_PAYLOAD_BYTE(LAST + 16 + 25, 9, RECORD),
        FLIPPED_CRC_BYTE(LAST + 5, 9, RECORD),
        HUGE_LENGTH(LAST, 9, RECORD),
        TRAILING_ZEROS(10 * RECORD, 10, 100);

        final int at;
        final int recordsKept;
        final int bytesDropped;

        Damage(int at, int recordsKept, int bytesDropped) {
            this.at = at;
            this.recordsKept = recordsKept;
            this.bytesDropped = bytesDropped;
        }

        void applyTo(Path file) throws IOException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                switch (this) {
                    case CUT_MID_PAYLOAD, CUT_MID_HEADER -> channel.truncate(at);
                    case FLIPPED_PAYLOAD_BYTE, FLIPPED_CRC_BYTE -> {
                        ByteBuffer one = ByteBuffer.allocate(1);
                        channel.read(one, at);
                        channel.write(ByteBuffer.wrap(new byte[] {(byte) (one.get(0) ^ 0x40)}), at);
                    }
                    case HUGE_LENGTH -> channel.write(ByteBuffer.allocate(4).putInt(0, Integer.MAX_VALUE), at);
                    case TRAILING_ZEROS -> channel.write(ByteBuffer.allocate(100), at);
                }
            }
        }
    }

    @TempDir
    Path dir;
    private final Logger spoolLogger = Logger.getLogger("dev.footfall.server.spool");
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                logged.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        spoolLogger.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        spoolLogger.removeHandler(capture);
    }

    private String warnings() {
        StringBuilder text = new StringBuilder();
        for (LogRecord record : logged) {
            text.append(new SimpleFormatter().formatMessage(record)).append('\n');
        }
        return text.toString();
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void damagedTailIsCutBackToTheLastCompleteRecord(Damage damage) throws IOException {
        try (SegmentLog log = SegmentLog.open(dir, SegmentLogTest.SMALL, 0)) {
            for (int i = 1; i <= 10; i++) {
                log.appendDurable(payload(50, i), TIMEOUT_MS);
            }
        }
        Path file = dir.resolve(Segment.fileName(1));
        assertEquals(10 * RECORD, Files.size(file));
        damage.applyTo(file);

        try (SegmentLog log = SegmentLog.open(dir, SegmentLogTest.SMALL, 0)) {
            List<SpoolRecord> all = readAll(log, 0);
            assertEquals(damage.recordsKept, all.size());
            for (int i = 0; i < all.size(); i++) {
                assertEquals(new SpoolRecord(i + 1, payload(50, i + 1)), all.get(i));
            }
            assertEquals((long) damage.recordsKept * RECORD, Files.size(file), "cut with truncate");
            assertEquals(damage.recordsKept + 1, log.appendDurable(payload(50, 0), TIMEOUT_MS));
        }
        String warnings = warnings();
        assertEquals(1, logged.size(), warnings);
        assertTrue(warnings.startsWith("spool: " + file + ": "), warnings);
        assertTrue(warnings.contains(": at offset " + damage.recordsKept * RECORD + ": "), warnings);
        assertTrue(warnings.contains(damage.bytesDropped + " bytes dropped"), warnings);

        logged.clear();
        try (SegmentLog log = SegmentLog.open(dir, SegmentLogTest.SMALL, 0)) {
            assertEquals(damage.recordsKept + 1, readAll(log, 0).size());
        }
        assertEquals("", warnings(), "a second open finds nothing to repair");
    }

    @Test
    void corruptRecordInAnEarlierSegmentEndsOnlyThatSegment() throws IOException {
        try (SegmentLog log = SegmentLog.open(dir, SegmentLogTest.SMALL, 0)) {
            for (int i = 1; i <= 24; i++) {
                log.appendDurable(payload(100, i), TIMEOUT_MS);
            }
        }
        Path first = dir.resolve(Segment.fileName(1));
        long size = Files.size(first);
        try (FileChannel channel = FileChannel.open(first, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {42}), 2 * 116 + 16 + 3);
        }

        try (SegmentLog log = SegmentLog.open(dir, SegmentLogTest.SMALL, 0)) {
            List<Long> seqs = readAll(log, 0).stream().map(SpoolRecord::seq).toList();
            assertEquals(List.of(1L, 2L), seqs.subList(0, 2));
            assertEquals(9L, seqs.get(2), "later segments are still read");
            assertEquals(2 + 16, seqs.size());
            assertEquals(18, log.depthRecords());
            assertEquals(size, Files.size(first), "an earlier segment is left as it is");
            assertEquals(25, log.appendDurable(payload(100, 25), TIMEOUT_MS));
            log.release(24);
            assertEquals(List.of(25L), segmentFiles(dir));
        }
        String warnings = warnings();
        assertTrue(warnings.contains(first + ": at offset 232: CRC mismatch for seq 3; 696 bytes from there on unreadable"),
                warnings);
    }

    @Test
    void emptySegmentsAndForeignFilesDoNotDisturbOpen() throws IOException {
        try (SegmentLog log = SegmentLog.open(dir, SegmentLogTest.SMALL, 0)) {
            for (int i = 1; i <= 3; i++) {
                log.appendDurable(payload(100, i), TIMEOUT_MS);
            }
        }
        Files.createFile(dir.resolve(Segment.fileName(4)));
        Files.writeString(dir.resolve("notes.txt"), "not a segment");
        Files.writeString(dir.resolve("123.seg"), "not a segment name either");
        try (SegmentLog log = SegmentLog.open(dir, SegmentLogTest.SMALL, 0)) {
            assertEquals(3, readAll(log, 0).size());
            assertEquals(4, log.appendDurable(payload(100, 4), TIMEOUT_MS));
        }
        assertTrue(Files.exists(dir.resolve("notes.txt")));
        assertEquals("", warnings());
    }
}
