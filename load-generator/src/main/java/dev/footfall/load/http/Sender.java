package dev.footfall.load.http;

import dev.footfall.load.stats.Outcome;
import dev.footfall.load.stats.RunStats;
import dev.footfall.load.wire.WireRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Posts planned requests over HTTP/1.1 with {@link HttpClient}s whose work runs on virtual
 * threads, and books each answer in a {@link RunStats}. Callers block in {@link #post}; one
 * client opens as many keep-alive connections as it has requests in flight. Several clients
 * spread the work of the JDK client's one selector thread per client over more threads.
 *
 * <p>An answer counts as acknowledged only if it is 202 or 201; a 202 that carries
 * {@code X-Footfall-Dropped} is acknowledged but dropped (the server will not store it).
 */
public final class Sender implements Poster {
    private final URI server;
    private final Duration timeout;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient[] clients;

    public Sender(URI server, int clientCount, Duration timeout) {
        this.server = server;
        this.timeout = timeout;
        this.clients = new HttpClient[Math.max(1, clientCount)];
        for (int i = 0; i < clients.length; i++) {
            clients[i] = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .executor(executor)
                    .build();
        }
    }

    /**
     * Posts {@code request} (with {@code eventId} when its format takes one) through client
     * {@code lane} and books the answer in {@code stats}; returns the outcome.
     */
    @Override
    public Outcome post(WireRequest request, String eventId, int lane, RunStats stats, long sinceNanos) throws InterruptedException {
        HttpRequest.Builder http = HttpRequest.newBuilder(server.resolve(request.path()))
                .timeout(timeout)
                .header("Content-Type", request.takesEventId() ? "text/plain" : "application/json")
                .header("User-Agent", request.userAgent())
                .POST(HttpRequest.BodyPublishers.ofString(request.withEventId(eventId)));
        if (request.forwardedFor() != null) {
            http.header("X-Forwarded-For", request.forwardedFor());
        }
        long start = sinceNanos;
        try {
            HttpResponse<Void> response = clients[Math.floorMod(lane, clients.length)].send(http.build(),
                    HttpResponse.BodyHandlers.discarding());
            Outcome outcome = classify(response.statusCode(), response.headers().firstValue("X-Footfall-Dropped").isPresent());
            stats.answered(outcome, response.statusCode(), System.nanoTime() - start);
            return outcome;
        } catch (IOException e) {
            stats.unanswered(e.getClass().getSimpleName());
            return Outcome.FAILED;
        }
    }

    static Outcome classify(int status, boolean droppedHeader) {
        if (status == 202 || status == 201) {
            return droppedHeader ? Outcome.DROPPED : Outcome.ACCEPTED;
        }
        return status >= 400 && status < 500 ? Outcome.REJECTED : Outcome.FAILED;
    }

    @Override
    public void close() {
        for (HttpClient client : clients) {
            client.shutdownNow();
        }
        executor.shutdownNow();
    }
}
