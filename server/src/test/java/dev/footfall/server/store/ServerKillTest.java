package dev.footfall.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.server.Main;
import dev.footfall.server.TestInfra;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of a real server process while it acknowledges events and drains its spool
 * (into the test's MariaDB and Redis): after a restart on the same spool, every acknowledged
 * event is stored exactly once, including those that were halfway into MySQL when it died; an
 * event that was never acknowledged is stored at most once.
 */
class ServerKillTest {
    static final String UA = "Mozilla/5.0 (X11; Linux x86_64; rv:145.0) Gecko/20100101 Firefox/145.0";

    @Test
    void acknowledgedEventsSurviveKillNineExactlyOnce() throws Exception {
        Map<String, String> config = TestInfra.freshConfig();
        int port = freePort();
        config.put("PORT", Integer.toString(port));
        Path log = Files.createTempFile("footfall-kill", ".log");
        Process server = start(config, log);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        awaitHealthy(http, port);

        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        Set<Integer> sent = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 32; t++) {
                senders.submit(() -> {
                    while (!stop.get()) {
                        int n = next.incrementAndGet();
                        sent.add(n);
                        try {
                            if (post(http, port, n).statusCode() == 202) {
                                acknowledged.add(n);
                            }
                        } catch (IOException e) {
                            return null;
                        }
                    }
                    return null;
                });
            }
            Thread.sleep(2_500);
            server.destroyForcibly().waitFor();
            stop.set(true);
        }
        assertTrue(acknowledged.size() > 200, "the server acknowledged " + acknowledged.size() + " events before it was killed");

        Process again = start(config, log);
        try {
            awaitHealthy(http, port);
            Map<Integer, Integer> stored = Map.of();
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                stored = storedCounts(config);
                if (stored.keySet().containsAll(acknowledged)) {
                    break;
                }
                Thread.sleep(300);
            }
            List<Integer> missing = new ArrayList<>(acknowledged);
            missing.removeAll(stored.keySet());
            assertEquals(List.of(), missing, "acknowledged events not stored after the restart");
            Map<Integer, Integer> twice = new HashMap<>();
            stored.forEach((n, count) -> {
                if (count > 1) {
                    twice.put(n, count);
                }
            });
            assertEquals(Map.of(), twice, "events stored more than once");
            assertTrue(sent.containsAll(stored.keySet()));
        } finally {
            again.destroy();
            again.waitFor();
        }
    }

    private static Process start(Map<String, String> config, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName());
        pb.environment().putAll(config);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return pb.start();
    }

    private static void awaitHealthy(HttpClient http, int port) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("server on port " + port + " did not become healthy");
    }

    private static HttpResponse<Void> post(HttpClient http, int port, int n) throws IOException {
        String body = "{\"n\":\"pageview\",\"u\":\"https://kill.test/e-" + n + "\",\"d\":\"kill.test\",\"id\":\"k" + n + "\"}";
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/event"))
                .header("User-Agent", UA).header("Content-Type", "text/plain").timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(req, HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Event number → how many rows hold its page {@code /e-<n>}. */
    private static Map<Integer, Integer> storedCounts(Map<String, String> config) throws Exception {
        Map<Integer, Integer> counts = new HashMap<>();
        try (Connection c = DriverManager.getConnection(config.get("MYSQL_URL"), "root", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT p.value, COUNT(*) FROM events e JOIN dim_pages p ON p.id = e.page_id"
                     + " WHERE p.value LIKE '/e-%' GROUP BY p.value")) {
            while (rs.next()) {
                counts.put(Integer.parseInt(rs.getString(1).substring(3)), rs.getInt(2));
            }
        }
        return counts;
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
