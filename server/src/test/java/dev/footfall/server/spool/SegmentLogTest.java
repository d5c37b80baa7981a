package dev.footfall.server.spool;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Appends, reads, reopening, capacity and segment rolling of a {@link SegmentLog} on real files. */
class SegmentLogTest {
    static final long TIMEOUT_MS = 20_000;
    /** 1 KiB segments hold 8 records of a 100-byte payload (116 bytes framed): 8 × 116 = 928. */
    static final SpoolSettings SMALL = new SpoolSettings(1L << 20, 1024, 0);

    @TempDir
    Path dir;

    static byte[] payload(int length, long tag) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) tag);
        return bytes;
    }

    static List<SpoolRecord> readAll(SegmentLog log, long afterSeq) {
        List<SpoolRecord> all = new ArrayList<>();
        for (List<SpoolRecord> page; !(page = log.read(afterSeq, 97, 1 << 20)).isEmpty(); ) {
            all.addAll(page);
            afterSeq = page.getLast().seq();
        }
        return all;
    }

    static List<Long> segmentFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> Segment.parseName(file.getFileName().toString()).orElseThrow()).sorted().toList();
        }
    }

    @ParameterizedTest(name = "segmentBytes={0}, wait={1}us")
    @CsvSource({"1048576, 0", "4096, 0", "65536, 500"})
    void recordsFromManyThreadsReadBackOnceInSeqOrder(long segmentBytes, int waitMicros) throws Exception {
        int threads = 32;
        int perThread = 150;
        Map<Long, byte[]> acknowledged = new ConcurrentHashMap<>();
        try (SegmentLog log = SegmentLog.open(dir, new SpoolSettings(64L << 20, segmentBytes, waitMicros), 0)) {
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            byte[] bytes = ("t" + thread + "-" + i + "-" + "x".repeat(i % 40)).getBytes(UTF_8);
                            acknowledged.put(log.appendDurable(bytes, TIMEOUT_MS), bytes);
                        }
                    }));
                }
                for (Future<?> future : done) {
                    future.get();
                }
            }
            List<SpoolRecord> all = readAll(log, 0);
            assertEquals(threads * perThread, all.size());
            for (int i = 0; i < all.size(); i++) {
                SpoolRecord record = all.get(i);
                assertEquals(i + 1, record.seq(), "seq order without gaps or duplicates");
                assertArrayEquals(acknowledged.get(record.seq()), record.payload());
            }
            assertEquals(threads * perThread, log.lastDurableSeq());
            assertEquals(threads * perThread, log.depthRecords());
        }
    }

    @Test
    void eachFlushIsReportedWithItsRecordsAndDuration() throws IOException {
        List<long[]> flushes = Collections.synchronizedList(new ArrayList<>());
        try (SegmentLog log = SegmentLog.open(dir, SMALL, 0)) {
            log.onFlush((records, nanos) -> flushes.add(new long[] {records, nanos}));
            for (int i = 1; i <= 5; i++) {
                log.appendDurable(payload(100, i), TIMEOUT_MS);
            }
        }
        assertEquals(5, flushes.stream().mapToLong(flush -> flush[0]).sum(), "every durable record in one reported flush");
        assertTrue(flushes.stream().allMatch(flush -> flush[1] > 0), "durations measured");
    }

    @Test
    void reopeningContinuesTheSequence() throws IOException {
        try (SegmentLog log = SegmentLog.open(dir, SMALL, 0)) {
            for (int i = 1; i <= 10; i++) {
                assertEquals(i, log.appendDurable(payload(100, i), TIMEOUT_MS));
            }
        }
        try (SegmentLog log = SegmentLog.open(dir, SMALL, 0)) {
            assertEquals(10, log.lastDurableSeq());
            assertEquals(10, log.depthRecords());
            assertEquals(10 * 116, log.depthBytes());
            assertEquals(11, log.appendDurable(payload(100, 11), TIMEOUT_MS));
            List<SpoolRecord> all = readAll(log, 0);
            assertEquals(11, all.size());
            assertEquals(new SpoolRecord(7, payload(100, 7)), all.get(6));
        }
    }

    @Test
    void closeWritesWhatIsStillQueued() throws IOException {
        try (SegmentLog log = SegmentLog.open(dir, SMALL, 0)) {
            for (int i = 1; i <= 50; i++) {
                log.append(payload(100, i));
            }
        }
        try (SegmentLog log = SegmentLog.open(dir, SMALL, 0)) {
            assertEquals(50, readAll(log, 0).size());
        }
    }

    @Test
    void committedSeqAboveTheFilesWins() throws IOException {
        try (SegmentLog log = SegmentLog.open(dir, SMALL, 0)) {
            for (int i = 1; i <= 20; i++) {
                log.appendDurable(payload(100, i), TIMEOUT_MS);
            }
        }
        try (SegmentLog log = SegmentLog.open(dir, SMALL, 100)) {
            assertEquals(List.of(101L), segmentFiles(dir), "segments fully committed are deleted");
            assertEquals(100, log.lastDurableSeq());
            assertEquals(0, log.depthRecords());
            assertEquals(-1, log.oldestUndrainedAppendMs());
            assertTrue(log.read(0, 100, 1 << 20).isEmpty());
            assertEquals(101, log.appendDurable(payload(100, 1), TIMEOUT_MS));
        }
    }

    @ParameterizedTest(name = "committedSeq={0}")
    @CsvSource({
        // committed, files kept after open (first seqs; the last is the new one), first seq read
        "0,  1 9 17 25 27, 1",
        "8,  9 17 25 27, 9",
        "11, 9 17 25 27, 12",
        "16, 17 25 27, 17",
        "26, 27, -1",
    })
    void segmentsAtOrBelowCommittedSeqAreDeletedAtOpen(long committed, String kept, long firstRead) throws IOException {
        try (SegmentLog log = SegmentLog.open(dir, SMALL, 0)) {
            for (int i = 1; i <= 26; i++) {
                log.appendDurable(payload(100, i), TIMEOUT_MS);
            }
        }
        assertEquals(List.of(1L, 9L, 17L, 25L), segmentFiles(dir));
        try (SegmentLog log = SegmentLog.open(dir, SMALL, committed)) {
            assertEquals(Arrays.stream(kept.split(" ")).map(Long::valueOf).toList(), segmentFiles(dir));
            List<SpoolRecord> all = readAll(log, 0);
            assertEquals(26 - committed, all.size());
            assertEquals(26 - committed, log.depthRecords());
            assertEquals((26 - committed) * 116, log.depthBytes());
            assertEquals(firstRead, all.isEmpty() ? -1 : all.getFirst().seq());
        }
    }

    @Test
    void fullSpoolRefusesAppendsUntilReleaseFreesRoom() throws IOException {
        // 4096 bytes hold 35 records of 116 bytes (4060); the 36th would need 4176.
        try (SegmentLog log = SegmentLog.open(dir, new SpoolSettings(4096, 1024, 0), 0)) {
            for (int i = 1; i <= 35; i++) {
                log.appendDurable(payload(100, i), TIMEOUT_MS);
            }
            SpoolFullException full = assertThrows(SpoolFullException.class, () -> log.append(payload(100, 36)));
            assertEquals(4096, full.limitBytes());
            assertEquals(35 * 116, full.depthBytes());
            assertEquals(35, log.depthRecords());
            log.release(20);
            assertEquals(15 * 116, log.depthBytes());
            assertEquals(36, log.appendDurable(payload(100, 36), TIMEOUT_MS), "the refused append used no seq");
            assertEquals(16, readAll(log, 20).size());
        }
    }

    @ParameterizedTest(name = "release({0})")
    @CsvSource({
        // upTo, segment files left, undrained records, first record read from 0
        "0,   1 9 17 25, 30, 1",
        "7,   1 9 17 25, 23, 8",
        "8,   9 17 25,   22, 9",
        "12,  9 17 25,   18, 13",
        "24,  25,        6,  25",
        "30,  25,        0,  -1",
        "999, 25,        0,  -1",
    })
    void segmentsRollAtTheirSizeAndReleaseDeletesOnlyWholeOnes(long upTo, String left, long depth, long firstRead)
            throws IOException {
        try (SegmentLog log = SegmentLog.open(dir, SMALL, 0)) {
            for (int i = 1; i <= 30; i++) {
                log.appendDurable(payload(100, i), TIMEOUT_MS);
            }
            for (long first : segmentFiles(dir)) {
                assertTrue(Files.size(dir.resolve(Segment.fileName(first))) <= 1024);
            }
            log.release(upTo);
            assertEquals(Arrays.stream(left.split(" ")).map(Long::valueOf).toList(), segmentFiles(dir));
            assertEquals(depth, log.depthRecords());
            assertEquals(depth * 116, log.depthBytes());
            List<SpoolRecord> all = readAll(log, 0);
            assertEquals(depth, all.size());
            assertEquals(firstRead, all.isEmpty() ? -1 : all.getFirst().seq());
            // The segment being written goes once the writer has rolled past it.
            for (int i = 31; i <= 40; i++) {
                log.appendDurable(payload(100, i), TIMEOUT_MS);
            }
            log.release(40);
            assertEquals(List.of(33L), segmentFiles(dir));
            assertEquals(0, log.depthBytes());
        }
    }

    @Test
    void readsStopAtTheRecordAndByteLimits() throws IOException {
        try (SegmentLog log = SegmentLog.open(dir, SMALL, 0)) {
            for (int i = 1; i <= 20; i++) {
                log.appendDurable(payload(100, i), TIMEOUT_MS);
            }
            assertEquals(List.of(4L, 5L, 6L), log.read(3, 3, 1 << 20).stream().map(SpoolRecord::seq).toList());
            assertEquals(List.of(11L, 12L), log.read(10, 100, 250).stream().map(SpoolRecord::seq).toList());
            assertEquals(List.of(2L), log.read(1, 100, 10).stream().map(SpoolRecord::seq).toList(),
                    "a record larger than maxBytes comes alone");
            assertEquals(List.of(19L, 20L), log.read(18, 100, 1 << 20).stream().map(SpoolRecord::seq).toList());
            assertEquals(List.of(), log.read(20, 100, 1 << 20));
        }
    }

    @Test
    void oldestUndrainedAppendTimeFollowsReleasesAndRestarts() throws IOException {
        long before = System.currentTimeMillis();
        try (SegmentLog log = SegmentLog.open(dir, SMALL, 0)) {
            assertEquals(-1, log.oldestUndrainedAppendMs());
            for (int i = 1; i <= 12; i++) {
                log.appendDurable(payload(100, i), TIMEOUT_MS);
            }
            long oldest = log.oldestUndrainedAppendMs();
            assertTrue(oldest >= before - 1000 && oldest <= System.currentTimeMillis(), "to the second");
        }
        long firstMtime = 1_700_000_000_000L;
        Files.setLastModifiedTime(dir.resolve(Segment.fileName(1)), FileTime.fromMillis(firstMtime));
        Files.setLastModifiedTime(dir.resolve(Segment.fileName(9)), FileTime.fromMillis(firstMtime + 5000));
        try (SegmentLog log = SegmentLog.open(dir, SMALL, 0)) {
            assertEquals(firstMtime, log.oldestUndrainedAppendMs(), "a recovered segment's mtime");
            log.release(8);
            assertEquals(firstMtime + 5000, log.oldestUndrainedAppendMs());
            log.release(12);
            assertEquals(-1, log.oldestUndrainedAppendMs());
        }
    }

    @Test
    void closedLogRefusesWorkAndClosesOnce() throws IOException {
        SegmentLog log = SegmentLog.open(dir, SMALL, 0);
        log.appendDurable(payload(100, 1), TIMEOUT_MS);
        log.close();
        log.close();
        assertThrows(SpoolException.Failed.class, () -> log.append(payload(100, 2)));
        assertThrows(SpoolException.Failed.class, () -> log.read(0, 10, 1000));
        log.awaitDurable(1, 0);
        assertThrows(IllegalArgumentException.class, () -> log.awaitDurable(2, 0));
        assertThrows(IllegalArgumentException.class, () -> log.append(new byte[1024]));
    }

    @Test
    void waitsEndWithTimeoutOrInterruptAndTheRecordStaysQueued() throws IOException {
        // The flusher holds each batch for a second, so these records stay queued meanwhile.
        try (SegmentLog log = SegmentLog.open(dir, new SpoolSettings(1L << 20, 1024, 1_000_000), 0)) {
            long seq = log.append(payload(100, 1));
            SpoolException.Timeout timeout = assertThrows(SpoolException.Timeout.class, () -> log.awaitDurable(seq, 10));
            assertEquals(seq, timeout.seq());
            Thread.currentThread().interrupt();
            assertThrows(SpoolException.Interrupted.class, () -> log.awaitDurable(seq, TIMEOUT_MS));
            assertTrue(Thread.interrupted(), "the interrupt flag is restored");
            log.awaitDurable(seq, TIMEOUT_MS);
            assertEquals(1, log.lastDurableSeq());
        }
    }

    @Test
    void anInterruptedReadDoesNotBreakTheWriter() throws IOException {
        try (SegmentLog log = SegmentLog.open(dir, SMALL, 0)) {
            log.appendDurable(payload(100, 1), TIMEOUT_MS);
            Thread.currentThread().interrupt();
            assertThrows(SpoolException.Interrupted.class, () -> log.read(0, 10, 1 << 20));
            assertTrue(Thread.interrupted(), "the interrupt flag is restored");
            assertEquals(2, log.appendDurable(payload(100, 2), TIMEOUT_MS));
            assertEquals(2, readAll(log, 0).size());
        }
    }
}
