package dev.footfall.load.stats;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prints {@link Progress#line} once a second to stderr: rewritten in place on a terminal, one
 * line per second when the output is a file or a pipe. Stops on {@link #close()}.
 */
public final class LiveProgress implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "progress");
        t.setDaemon(true);
        return t;
    });
    private final PrintStream out = System.err;
    private final boolean terminal = System.console() != null && System.console().isTerminal();
    private final Progress progress;

    private LiveProgress(Progress progress) {
        this.progress = progress;
    }

    /** Starts printing for {@code stats}; {@code quiet} prints nothing. */
    public static LiveProgress start(RunStats stats, boolean quiet) {
        LiveProgress live = new LiveProgress(new Progress(stats, System.nanoTime()));
        if (!quiet) {
            live.timer.scheduleAtFixedRate(live::print, 1, 1, TimeUnit.SECONDS);
        }
        return live;
    }

    private void print() {
        String line = progress.line(System.nanoTime());
        if (terminal) {
            out.print("\r" + line + "   ");
        } else {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        if (terminal) {
            out.println();
        }
    }
}
