package dev.footfall.server.spool;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL for real: a separate JVM ({@link SpoolKillTarget}) appends and prints each seq once it is
 * acknowledged; the test kills it with {@link Process#destroyForcibly()} mid-stream, reopens the
 * spool and checks every acknowledged record is there, intact. A process kill keeps what reached
 * the page cache, so this tests framing, recovery of a possibly half-written tail and the
 * ack-after-fsync ordering, not power loss.
 */
class KillNineTest {
    /** Acknowledgements to wait for before the kill: about a second of appending on the build VM. */
    static final int ACKS_BEFORE_KILL = 3_000;

    @TempDir
    Path tmp;

    static String payloadText(int thread, long i) {
        return "t" + thread + "-" + i + "-" + "x".repeat((int) (i * 7 % 300));
    }

    @Test
    void everyAcknowledgedRecordSurvivesSigkill() throws Exception {
        Path spool = tmp.resolve("spool");
        Path stderr = tmp.resolve("target.err");
        Process target = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SpoolKillTarget.class.getName(), spool.toString())
                .redirectError(stderr.toFile())
                .start();
        Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(target.getInputStream(), UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    String[] parts = line.split(" ");
                    if (parts.length == 4 && parts[0].equals("ack") && parts[3].equals(".")) {
                        acknowledged.put(Long.parseLong(parts[1]), parts[2]);
                    }
                }
            } catch (IOException e) {
                // The pipe breaks when the process dies; what was read is what counts.
            }
        });
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
            while (acknowledged.size() < ACKS_BEFORE_KILL) {
                if (!target.isAlive() || System.nanoTime() > deadline) {
                    fail("target gave " + acknowledged.size() + " acks; stderr:\n" + Files.readString(stderr));
                }
                Thread.sleep(5);
            }
            target.destroyForcibly();
            assertTrue(target.waitFor(10, TimeUnit.SECONDS));
            assertEquals(128 + 9, target.exitValue(), "killed by SIGKILL");
        } finally {
            target.destroyForcibly();
            reader.join(10_000);
        }

        Map<Long, String> found = new HashMap<>();
        try (SegmentLog log = SegmentLog.open(spool, SpoolSettings.defaults(), 0)) {
            for (SpoolRecord record : SegmentLogTest.readAll(log, 0)) {
                found.put(record.seq(), new String(record.payload(), UTF_8));
            }
            assertEquals(found.size(), log.depthRecords());
        }
        for (Map.Entry<Long, String> ack : acknowledged.entrySet()) {
            String payload = found.get(ack.getKey());
            assertNotNull(payload, "acknowledged seq " + ack.getKey() + " lost");
            assertEquals(ack.getValue(), payload, "acknowledged seq " + ack.getKey() + " damaged");
        }
        try (var files = Files.list(spool)) {
            System.out.printf("kill -9: %d acknowledged, %d recovered, %d files%n", acknowledged.size(), found.size(),
                    files.count());
        }
    }
}
