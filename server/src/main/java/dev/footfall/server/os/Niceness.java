package dev.footfall.server.os;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Lowers the CPU priority of background work, so that when the machine is saturated the request
 * path gets the cores and the background catches up as soon as the load eases. Linux's nice value
 * is per thread: {@link #lowerThisThread} lowers the calling thread, {@link #lowerProcess} every
 * thread of a child process (the embedded MariaDB), whose later threads inherit it from the thread
 * that creates them. Both add to the value the thread has (a server started under {@code nice 5}
 * with an increment of 10 runs them at 15), never raise a priority, and stop at 19.
 *
 * <p>On a machine with cores to spare nothing changes: nice only decides who runs when threads
 * compete for a core. Where the calls are not available (not Linux, no {@code /proc}) they do
 * nothing and say so once in the log.
 */
public final class Niceness {
    private static final Logger LOG = Logger.getLogger(Niceness.class.getName());
    /** The lowest priority Linux has. */
    public static final int MAX = 19;
    private static final int PRIO_PROCESS = 0;
    private static final Native NATIVE = Native.load();

    private Niceness() {
    }

    /**
     * Adds {@code increment} (0 to {@value #MAX}) to the calling platform thread's nice value;
     * false when it could not (no effect then).
     */
    public static boolean lowerThisThread(int increment) {
        if (increment <= 0 || NATIVE == null) {
            return false;
        }
        try {
            int tid = (int) NATIVE.gettid.invokeExact();
            return lower(tid, increment);
        } catch (Throwable e) {
            LOG.log(Level.FINE, "niceness: gettid failed", e);
            return false;
        }
    }

    /**
     * Adds {@code increment} to the nice value of every thread of process {@code pid}; returns how
     * many threads it lowered.
     */
    public static int lowerProcess(long pid, int increment) {
        if (increment <= 0 || NATIVE == null) {
            return 0;
        }
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        int lowered = 0;
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                if (lower(Integer.parseInt(thread.getFileName().toString()), increment)) {
                    lowered++;
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.log(Level.FINE, "niceness: cannot list " + tasks, e);
        }
        return lowered;
    }

    /**
     * The nice value of thread {@code tid} ({@code /proc/<tid>} exists for every thread, though
     * only processes are listed).
     */
    static int current(int tid) throws IOException {
        return niceOf(Path.of("/proc", Integer.toString(tid)));
    }

    /**
     * The nice value of the thread or process whose {@code /proc} folder is {@code task}
     * ({@code /proc/thread-self}, {@code /proc/<pid>/task/<tid>}): field 19 of its stat line.
     */
    public static int niceOf(Path task) throws IOException {
        String stat = Files.readString(task.resolve("stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }

    private static boolean lower(int tid, int increment) {
        try {
            int now = current(tid);
            int target = Math.min(MAX, now + increment);
            return target > now && (int) NATIVE.setpriority.invokeExact(PRIO_PROCESS, tid, target) == 0;
        } catch (Throwable e) {
            // The thread may have ended between listing and lowering it.
            LOG.log(Level.FINE, "niceness: cannot lower thread " + tid, e);
            return false;
        }
    }

    /** libc's {@code gettid} and {@code setpriority}, or null where they cannot be bound. */
    private record Native(MethodHandle gettid, MethodHandle setpriority) {
        static Native load() {
            if (!Files.isDirectory(Path.of("/proc/thread-self"))) {
                LOG.info("niceness: no /proc/thread-self here; background work keeps the server's priority");
                return null;
            }
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                MethodHandle gettid = linker.downcallHandle(libc.find("gettid").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT));
                MethodHandle setpriority = linker.downcallHandle(libc.find("setpriority").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
                return new Native(gettid, setpriority);
            } catch (RuntimeException | LinkageError e) {
                LOG.info("niceness: cannot bind gettid/setpriority (" + e + "); background work keeps the server's priority");
                return null;
            }
        }
    }
}
