package dev.footfall.console;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.concurrent.Task;

/**
 * Runs network work off the FX thread: each call becomes a {@link Task} on one of a few named
 * daemon threads ({@code footfall-net-N}); only its success and failure handlers, which run on
 * the FX thread, touch nodes. Four threads let the dashboard's panels load side by side
 * without flooding a small server.
 */
public final class Background implements AutoCloseable {
    private final ExecutorService executor;

    public Background() {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "footfall-net-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        executor = Executors.newFixedThreadPool(4, threads);
    }

    /** Runs {@code work}; then {@code onSuccess} or {@code onFailure} on the FX thread. */
    public <T> Task<T> run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
        task.setOnFailed(e -> onFailure.accept(task.getException()));
        executor.execute(task);
        return task;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
