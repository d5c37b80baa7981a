package dev.footfall.server.embedded;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.logging.Logger;
import redis.embedded.RedisServer;

/**
 * The embedded default Redis: a local redis-server bound to loopback on a free port, without
 * persistence. Redis only caches and coordinates (DESIGN.md), so nothing is lost when it stops.
 * Starts in about 0.1 s.
 */
public final class EmbeddedRedis implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EmbeddedRedis.class.getName());

    private final int port;
    private RedisServer server;

    private EmbeddedRedis(int port) {
        this.port = port;
    }

    public static EmbeddedRedis start() {
        EmbeddedRedis redis = new EmbeddedRedis(freePort());
        redis.startServer();
        return redis;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Stops the process; {@link #restart()} brings it back on the same port (tests of Redis outages). */
    public synchronized void stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (IOException e) {
                LOG.warning("embedded: Redis did not stop cleanly: " + e.getMessage());
            }
            server = null;
        }
    }

    public synchronized void restart() {
        stop();
        startServer();
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void startServer() {
        try {
            server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("maxmemory 256mb")
                    .setting("maxmemory-policy volatile-lru")
                    .onShutdownForceStop(true)
                    .build();
            server.start();
            LOG.info(() -> "embedded: Redis on 127.0.0.1:" + port);
        } catch (IOException e) {
            throw new IllegalStateException("embedded: cannot start Redis on port " + port + ": " + e.getMessage(), e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("embedded: no free port", e);
        }
    }
}
