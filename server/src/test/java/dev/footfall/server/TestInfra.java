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
            mariaDb = EmbeddedMariaDb.start(dataDirOfThisJvm());
            Runtime.getRuntime().addShutdownHook(new Thread(mariaDb::close));
        }
        return mariaDb;
    }

    /**
     * A data folder per test JVM, so two test runs on one machine (two modules, two engineers)
     * never fight over MariaDB's lock files; folders of JVMs that have exited are removed.
     */
    static Path dataDirOfThisJvm() {
        Path root = Path.of("target", "test-data").toAbsolutePath();
        try {
            java.nio.file.Files.createDirectories(root);
            try (var dirs = java.nio.file.Files.list(root)) {
                for (Path dir : dirs.toList()) {
                    String name = dir.getFileName().toString();
                    boolean stale = name.matches("\\d+")
                            && ProcessHandle.of(Long.parseLong(name)).map(p -> !p.isAlive()).orElse(true);
                    if (stale) {
                        org.apache.commons.io.FileUtils.deleteQuietly(dir.toFile());
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return root.resolve(String.valueOf(ProcessHandle.current().pid()));
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
        config.put("FOOTFALL_SPOOL_DIR", dataDirOfThisJvm().resolve("spool-" + database).toString());
        return config;
    }

    /** {@link #freshConfig()} with this admin token and no automatic sites: a site exists once it is created. */
    public static Map<String, String> adminConfig(String adminToken) {
        Map<String, String> config = freshConfig();
        config.put("FOOTFALL_ADMIN_TOKEN", adminToken);
        config.put("FOOTFALL_AUTO_SITES", "false");
        return config;
    }

    public static void flushRedis() {
        try (Jedis jedis = new Jedis("127.0.0.1", redis().port())) {
            jedis.flushAll();
        }
    }
}
