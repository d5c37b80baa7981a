package dev.footfall.server.api;

import dev.footfall.server.cache.RedisGuard;
import dev.footfall.server.http.JsonBodies;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@code GET /health} (readiness: 200 while the database answers, 503 otherwise),
 * {@code /health/ready} (the same) and {@code /health/live} (200 while the process serves).
 * Redis down is reported as {@code DEGRADED} but stays ready: ingestion goes on without it.
 */
public final class HealthService implements HttpService {
    private final DataSource db;
    private final RedisGuard redis;
    /** The database check in flight or last run; replaced when done. */
    private volatile CompletableFuture<Boolean> running;
    /** The last check's answer. */
    private volatile boolean lastUp = true;
    private final JsonBodies bodies;

    public HealthService(DataSource db, RedisGuard redis, JsonBodies bodies) {
        this.db = db;
        this.redis = redis;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::handleReady)
                .get("/ready", this::handleReady)
                .get("/live", this::handleLive);
    }

    private void handleLive(ServerRequest req, ServerResponse res) {
        bodies.send(res, Status.OK_200, Map.of("status", "UP"));
    }

    private void handleReady(ServerRequest req, ServerResponse res) {
        boolean database = databaseUp();
        boolean cache = redis.ping();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", !database ? "DOWN" : cache ? "UP" : "DEGRADED");
        body.put("checks", Map.of("database", database ? "UP" : "DOWN", "redis", cache ? "UP" : "DOWN"));
        bodies.send(res, database ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503, body);
    }

    /**
     * Whether the database answers, within about a second: one check runs at a time (a pool that
     * cannot connect waits its 5 s connection timeout), and a caller that has waited a second for
     * it gets the last completed answer instead, so {@code /health} and {@code /metrics} stay
     * quick during an outage (and say DOWN from the first check that failed).
     */
    public boolean databaseUp() {
        CompletableFuture<Boolean> check = running;
        if (check == null || check.isDone()) {
            synchronized (this) {
                if (running == null || running.isDone()) {
                    running = CompletableFuture.supplyAsync(this::check, r -> Thread.ofVirtual().name("footfall-db-check").start(r));
                    running.thenAccept(up -> lastUp = up);
                }
                check = running;
            }
        }
        try {
            return check.get(1, TimeUnit.SECONDS);
        } catch (TimeoutException slow) {
            return lastUp;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return lastUp;
        }
    }

    private boolean check() {
        try (Connection c = db.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
