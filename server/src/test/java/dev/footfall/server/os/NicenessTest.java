package dev.footfall.server.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Real threads and a real child process, their nice values read back from {@code /proc}. */
class NicenessTest {

    @Test
    void lowersTheCallingThreadOnly() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/thread-self")), "Linux only");
        int before = niceOfThisThread();
        assumeTrue(before <= Niceness.MAX - 3, "this JVM already runs at nice " + before);
        AtomicInteger lowered = new AtomicInteger(-100);
        AtomicBoolean changed = new AtomicBoolean();
        Thread t = Thread.ofPlatform().start(() -> {
            changed.set(Niceness.lowerThisThread(3));
            lowered.set(niceOfThisThread());
        });
        t.join();
        assertTrue(changed.get());
        assertEquals(before + 3, lowered.get(), "the lowered thread");
        assertEquals(before, niceOfThisThread(), "the calling test thread is untouched");
    }

    @Test
    void stopsAtNineteenAndNeverRaises() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/thread-self")), "Linux only");
        AtomicInteger nice = new AtomicInteger();
        AtomicBoolean again = new AtomicBoolean(true);
        AtomicBoolean zero = new AtomicBoolean(true);
        Thread t = Thread.ofPlatform().start(() -> {
            Niceness.lowerThisThread(40);
            nice.set(niceOfThisThread());
            again.set(Niceness.lowerThisThread(1));
            zero.set(Niceness.lowerThisThread(0));
        });
        t.join();
        assertEquals(Niceness.MAX, nice.get());
        assertFalse(again.get(), "nothing below 19");
        assertFalse(zero.get(), "an increment of 0 changes nothing");
    }

    @Test
    void lowersEveryThreadOfAChildProcess() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/thread-self")), "Linux only");
        int before = niceOfThisThread();
        assumeTrue(before <= Niceness.MAX - 4, "this JVM already runs at nice " + before);
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            assertEquals(1, Niceness.lowerProcess(child.pid(), 4));
            assertEquals(before + 4, Niceness.current((int) child.pid()));
        } finally {
            child.destroyForcibly().waitFor();
        }
        assertEquals(0, Niceness.lowerProcess(child.pid(), 4), "a process that is gone");
    }

    private static int niceOfThisThread() {
        try {
            return Niceness.niceOf(Path.of("/proc/thread-self"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
