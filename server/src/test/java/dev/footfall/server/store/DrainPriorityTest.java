package dev.footfall.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.footfall.server.RunningServer;
import dev.footfall.server.TestInfra;
import dev.footfall.server.os.Niceness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A serving instance runs its drainer and rollup folder {@code FOOTFALL_DRAIN_NICE} steps below
 * the request path (read back from {@code /proc}), and at the same priority when it is 0.
 */
class DrainPriorityTest {

    @Test
    void drainAndFolderRunBelowTheRequestPath() {
        assumeTrue(Files.isDirectory(Path.of("/proc/thread-self")), "Linux only");
        int base = nice(Path.of("/proc/thread-self"));
        assumeTrue(base <= 12, "this JVM already runs at nice " + base);
        Map<String, Integer> lowered = Map.of("footfall-spool-", base + 7, "footfall-rollup", base + 7);
        assertEquals(lowered, backgroundNice("7", lowered));
        Map<String, Integer> same = Map.of("footfall-spool-", base, "footfall-rollup", base);
        assertEquals(same, backgroundNice("0", same));
    }

    /** The nice values of this JVM's drainer and folder threads while a server with that setting runs. */
    private static Map<String, Integer> backgroundNice(String setting, Map<String, Integer> expected) {
        Map<String, String> config = new HashMap<>(TestInfra.freshConfig());
        config.put("FOOTFALL_DRAIN_NICE", setting);
        try (RunningServer server = RunningServer.start(config)) {
            Map<String, Integer> found = new HashMap<>();
            // Each thread lowers itself as it starts: give them a moment.
            for (int i = 0; i < 100 && !found.equals(expected); i++) {
                found.clear();
                try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                    tasks.forEach(t -> {
                        String name = comm(t);
                        if (name.equals("footfall-spool-") || name.equals("footfall-rollup")) {
                            found.put(name, nice(t));
                        }
                    });
                }
                if (!found.equals(expected)) {
                    Thread.sleep(50);
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String comm(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (IOException gone) {
            return "";
        }
    }

    private static int nice(Path task) {
        try {
            return Niceness.niceOf(task);
        } catch (IOException gone) {
            return Integer.MIN_VALUE;
        }
    }
}
