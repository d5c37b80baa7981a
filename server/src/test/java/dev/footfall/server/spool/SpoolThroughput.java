package dev.footfall.server.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Measures what the {@link SegmentLog} Javadoc quotes, in about 15 s: the cost of one small
 * {@code write + fdatasync}, then {@link SegmentLog#appendDurable} throughput with 1, 16, 64 and 256
 * appending virtual threads (300-byte payloads), with records per fsync and mean wait; then the
 * CRC cost of one record, and how fast open (recovery) and the drainer's reads go through the
 * last run's files, warm in the page cache.
 * Run from the repository root after {@code ./mvnw -pl server -am test-compile}:
 * {@code java -cp "server/target/classes:server/target/test-classes" dev.footfall.server.spool.SpoolThroughput [dir]}
 */
public final class SpoolThroughput {
    private SpoolThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path base = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("spool-throughput");
        Files.createDirectories(base);
        try {
            fsyncCost(base.resolve("raw"), 2_000);
            for (int threads : new int[] {1, 16, 64, 256}) {
                groupCommit(base.resolve("log-" + threads), threads, 3_000);
            }
            crcCost();
            recoveryAndRead(base.resolve("log-256"));
        } finally {
            try (Stream<Path> files = Files.walk(base)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static void fsyncCost(Path file, long millis) throws IOException {
        long[] nanos = new long[100_000];
        int n = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer record = ByteBuffer.allocateDirect(316);
            long end = System.nanoTime() + millis * 1_000_000;
            while (n < nanos.length && System.nanoTime() < end) {
                record.clear();
                long start = System.nanoTime();
                channel.write(record);
                channel.force(false);
                nanos[n++] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos, 0, n);
        System.out.printf("write+fdatasync of 316 bytes: n=%d median=%d us p90=%d us p99=%d us%n", n,
                nanos[n / 2] / 1000, nanos[n * 9 / 10] / 1000, nanos[n * 99 / 100] / 1000);
    }

    private static void crcCost() {
        RecordFormat format = new RecordFormat();
        byte[] payload = new byte[300];
        int sink = 0;
        for (int i = 0; i < 200_000; i++) {
            sink += format.crc(i, payload);
        }
        long start = System.nanoTime();
        for (int i = 0; i < 2_000_000; i++) {
            sink += format.crc(i, payload);
        }
        System.out.printf("CRC32C of seq + 300 bytes: %d ns (%d)%n", (System.nanoTime() - start) / 2_000_000, sink & 1);
    }

    private static void recoveryAndRead(Path dir) throws IOException {
        long bytes;
        try (Stream<Path> files = Files.list(dir)) {
            bytes = files.mapToLong(file -> file.toFile().length()).sum();
        }
        long start = System.nanoTime();
        try (SegmentLog log = SegmentLog.open(dir, new SpoolSettings(4L << 30, 64L << 20, 0), 0)) {
            long opened = System.nanoTime();
            long records = 0;
            long after = 0;
            for (var page = log.read(after, 1000, 1 << 20); !page.isEmpty(); page = log.read(after, 1000, 1 << 20)) {
                records += page.size();
                after = page.getLast().seq();
            }
            long read = System.nanoTime();
            System.out.printf("open of %,d bytes: %d ms (%.0f MB/s); read of %,d records: %d ms (%,.0f records/s)%n",
                    bytes, (opened - start) / 1_000_000, bytes / 1e6 / ((opened - start) / 1e9), records,
                    (read - opened) / 1_000_000, records / ((read - opened) / 1e9));
        }
    }

    private static void groupCommit(Path dir, int threads, long millis) throws Exception {
        LongAdder records = new LongAdder();
        LongAdder waitNanos = new LongAdder();
        long fsyncs;
        long elapsed;
        try (SegmentLog log = SegmentLog.open(dir, new SpoolSettings(4L << 30, 64L << 20, 0), 0)) {
            long start = System.nanoTime();
            long end = start + millis * 1_000_000;
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int t = 0; t < threads; t++) {
                    pool.submit(() -> {
                        byte[] payload = new byte[300];
                        for (long now = System.nanoTime(); now < end; ) {
                            log.appendDurable(payload.clone(), 30_000);
                            long after = System.nanoTime();
                            waitNanos.add(after - now);
                            records.increment();
                            now = after;
                        }
                    });
                }
            }
            elapsed = System.nanoTime() - start;
            fsyncs = log.batchesWritten();
        }
        double seconds = elapsed / 1e9;
        System.out.printf("%3d threads: %,8.0f records/s, %,7.0f fsyncs/s, %6.1f records/fsync, mean wait %,6d us%n",
                threads, records.sum() / seconds, fsyncs / seconds, (double) records.sum() / fsyncs,
                waitNanos.sum() / records.sum() / 1000);
    }
}
