package dev.footfall.server.spool;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The victim of {@link KillNineTest}, run in its own JVM: appends from several virtual threads
 * without end and prints {@code ack <seq> <payload> .} for each record only after
 * {@link SegmentLog#awaitDurable} returned for it, the point at which the server would answer 202.
 * The trailing dot marks a complete line, since the kill can cut one short. 64 KiB segments make
 * the writer roll during the run.
 *
 * <p>It exits by itself when its standard input closes (the test JVM is gone) or after a minute,
 * so a failed test run leaves no process appending behind.
 */
public final class SpoolKillTarget {
    static final int THREADS = 8;

    private SpoolKillTarget() {
    }

    public static void main(String[] args) throws IOException {
        Thread.ofPlatform().daemon(true).start(() -> {
            try {
                while (System.in.read() >= 0) {
                    // The parent never writes; EOF means it is gone.
                }
            } catch (IOException gone) {
                // Same as EOF.
            }
            Runtime.getRuntime().halt(3);
        });
        Thread.ofPlatform().daemon(true).start(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(4);
        });
        PrintStream out = new PrintStream(System.out, true, UTF_8);
        SegmentLog log = SegmentLog.open(Path.of(args[0]), new SpoolSettings(256L << 20, 64 << 10, 0), 0);
        out.println("open");
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                pool.submit(() -> {
                    for (long i = 0; ; i++) {
                        String text = KillNineTest.payloadText(thread, i);
                        long seq = log.appendDurable(text.getBytes(UTF_8), 30_000);
                        out.println("ack " + seq + " " + text + " .");
                    }
                });
            }
        }
    }
}
