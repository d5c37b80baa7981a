package dev.footfall.load.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.model.WireJson;
import dev.footfall.traffic.History;
import dev.footfall.traffic.Population;
import dev.footfall.traffic.Site;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code simulate --backfill}: writes {@link History} through the server's import route,
 * {@code POST /api/v1/import/events}, so rollups stay consistent with the raw rows. Sites are
 * registered first (an existing site is fine). One thread generates the next chunk while the
 * previous one is being stored; chunks are posted one after another, which keeps each visitor's
 * events in time order across requests, as the route requires.
 */
public final class Backfill {
    private static final ObjectMapper JSON = WireJson.mapper();
    private static final byte[] END = new byte[0];

    /** What the server reported, summed over all chunks. */
    public record Result(long lines, long accepted, long dropped, long rejected, long elapsedNanos) {
        public double eventsPerSecond() {
            return accepted * 1e9 / Math.max(1, elapsedNanos);
        }
    }

    private final URI server;
    private final String token;
    private final String siteZone;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Backfill(URI server, String token, String siteZone, PrintStream out) {
        this.server = server;
        this.token = token;
        this.siteZone = siteZone;
        this.out = out;
    }

    public Result run(Population population, int days, long targetEvents, int chunkLines, long seed) throws IOException, InterruptedException {
        for (Site site : population.sites()) {
            registerSite(site.domain());
        }
        BlockingQueue<History.Chunk> queue = new ArrayBlockingQueue<>(2);
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
        long nowMs = System.currentTimeMillis();
        Thread generator = Thread.ofPlatform().name("backfill-generator").daemon(true).start(() -> {
            try {
                new History(population, seed).generate(days, targetEvents, nowMs, chunkLines, chunk -> put(queue, chunk));
            } catch (RuntimeException e) {
                failed.set(e);
            } finally {
                put(queue, new History.Chunk(END, 0, -1));
            }
        });
        long start = System.nanoTime();
        long lines = 0;
        long accepted = 0;
        long dropped = 0;
        long rejected = 0;
        long lastPrint = start;
        while (true) {
            History.Chunk chunk = queue.take();
            if (chunk.ndjson() == END) {
                break;
            }
            JsonNode counts = post(chunk);
            lines += counts.path("lines").asLong();
            accepted += counts.path("accepted").asLong();
            dropped += counts.path("dropped").asLong();
            rejected += counts.path("rejected").asLong();
            long now = System.nanoTime();
            if (now - lastPrint > TimeUnit.SECONDS.toNanos(5)) {
                lastPrint = now;
                out.printf("backfill: day %d/%d, %,d events accepted, %,d dropped, %,d rejected, %,.0f events/s%n", chunk.day() + 1, days,
                        accepted, dropped, rejected, accepted * 1e9 / (now - start));
            }
        }
        generator.join();
        if (failed.get() != null) {
            throw failed.get();
        }
        return new Result(lines, accepted, dropped, rejected, System.nanoTime() - start);
    }

    private JsonNode post(History.Chunk chunk) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/api/v1/import/events"))
                .timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(chunk.ndjson()))
                .build();
        HttpResponse<String> res = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new IOException("import answered " + res.statusCode() + ": " + res.body());
        }
        return JSON.readTree(res.body());
    }

    private void registerSite(String domain) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(java.util.Map.of("domain", domain, "timezone", siteZone));
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/api/v1/sites")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> res = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 201 && res.statusCode() != 409) {
            throw new IOException("registering " + domain + " answered " + res.statusCode() + ": " + res.body());
        }
    }

    private static void put(BlockingQueue<History.Chunk> queue, History.Chunk chunk) {
        try {
            queue.put(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("backfill: interrupted", e);
        }
    }
}
