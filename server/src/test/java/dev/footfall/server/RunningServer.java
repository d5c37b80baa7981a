package dev.footfall.server;

import dev.footfall.server.config.FootfallConfig;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/** A Footfall instance serving HTTP on a free port, with helpers to post and to query its database. */
public final class RunningServer implements AutoCloseable {
    private final Footfall footfall;
    private final WebServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningServer(Footfall footfall, WebServer server) {
        this.footfall = footfall;
        this.server = server;
    }

    public static RunningServer start(Map<String, String> config) {
        Footfall footfall = Footfall.start(FootfallConfig.from(config));
        WebServer server = WebServer.builder().port(0).routing(footfall::routing).build().start();
        return new RunningServer(footfall, server);
    }

    /** A server on a fresh database whose admin token is {@code adminToken}. */
    public static RunningServer startWithAdminToken(String adminToken) {
        Map<String, String> config = TestInfra.freshConfig();
        config.put("FOOTFALL_ADMIN_TOKEN", adminToken);
        return start(config);
    }

    public Footfall footfall() {
        return footfall;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    public HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The single number an SQL query answers, once the rollup delta log is folded. */
    public long count(String sql, Object... params) {
        footfall.catchUp();
        try (Connection c = footfall.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first row of a query as column label → value, once the rollup delta log is folded. */
    public Map<String, Object> row(String sql, Object... params) {
        footfall.catchUp();
        try (Connection c = footfall.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Map.of();
                }
                Map<String, Object> row = new java.util.LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                return row;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Override
    public void close() {
        server.stop();
        footfall.close();
    }
}
