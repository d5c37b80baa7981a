package dev.footfall.server;

import dev.footfall.server.embedded.EmbeddedMariaDb;
import dev.footfall.server.embedded.EmbeddedRedis;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.Jedis;

/**
 * The real embedded MariaDB and Redis the server itself uses, started once per test JVM and
 * stopped when it exits. Each test class asks for {@link #freshConfig()}: a new, empty database
 * and a flushed Redis, so classes never see each other's rows or cached ids.
 */
public final class TestInfra {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedMariaDb mariaDb;
    private static EmbeddedRedis redis;

    private TestInfra() {
    }

    public static synchronized EmbeddedMariaDb mariaDb() {
        if (mariaDb == null) {
            mariaDb = EmbeddedMariaDb.start(Path.of("target", "test-data").toAbsolutePath());
            Runtime.getRuntime().addShutdownHook(new Thread(mariaDb::close));
        }
        return mariaDb;
    }

    public static synchronized EmbeddedRedis redis() {
        if (redis == null) {
            redis = EmbeddedRedis.start();
            Runtime.getRuntime().addShutdownHook(new Thread(redis::close));
        }
        return redis;
    }

    /** Configuration of an instance on a new empty database and a flushed Redis. */
    public static Map<String, String> freshConfig() {
        String database = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        mariaDb().createDatabase(database);
        flushRedis();
        Map<String, String> config = new HashMap<>();
        config.put("PORT", "0");
        config.put("MYSQL_URL", mariaDb().jdbcUrl(database));
        config.put("MYSQL_USER", "root");
        config.put("MYSQL_PASSWORD", "");
        config.put("REDIS_URL", redis().url());
        config.put("FOOTFALL_AUTO_SITES", "true");
        config.put("FOOTFALL_RATE_LIMIT", "0");
        return config;
    }

    public static void flushRedis() {
        try (Jedis jedis = new Jedis("127.0.0.1", redis().port())) {
            jedis.flushAll();
        }
    }
}
