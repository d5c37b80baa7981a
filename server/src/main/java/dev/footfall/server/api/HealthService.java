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

    public boolean databaseUp() {
        try (Connection c = db.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
