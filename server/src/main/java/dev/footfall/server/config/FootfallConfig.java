package dev.footfall.server.config;

import dev.footfall.server.cache.RedisTopology;
import dev.footfall.server.enrich.ClientIpResolver;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Footfall's whole configuration, validated once at start-up. Built from a flat map of the
 * documented variable names ({@code PORT}, {@code MYSQL_URL}, …) so tests can build one from a
 * literal map and {@link ConfigLoader} can layer environment, {@code .env} and
 * {@code application.yaml}. Every invalid value stops start-up with the variable's name.
 *
 * @param port           HTTP port; 0 picks a free one
 * @param mysqlUrl       JDBC URL of an external MySQL; empty starts the embedded MariaDB
 * @param redisUrl       one server, Sentinel or Cluster ({@link RedisTopology}); empty starts the embedded Redis
 * @param dataDir        where the embedded database keeps its files
 * @param adminToken     bootstraps an admin API token when set
 * @param demo           load demo data into an empty database
 * @param trustedProxies CIDRs whose X-Forwarded-For is believed
 * @param geoIpDb        optional .mmdb country/city database
 * @param autoSites      register unknown domains on first sight instead of dropping
 * @param rateLimit      events per second per client IP; 0 turns it off
 * @param retentionDays  raw events and visits older than this are deleted (rollups kept); 0 keeps them
 * @param jsonLogs       one JSON object per log line instead of text
 * @param spool          the local spool of acknowledged events
 */
public record FootfallConfig(
        int port,
        String mysqlUrl,
        String mysqlUser,
        String mysqlPassword,
        String redisUrl,
        Path dataDir,
        String adminToken,
        boolean demo,
        String trustedProxies,
        Optional<Path> geoIpDb,
        boolean autoSites,
        int rateLimit,
        int retentionDays,
        boolean jsonLogs,
        Writer writer,
        Spool spool) {

    /**
     * The local spool live events are acknowledged from ({@code store.SpooledIngest}).
     *
     * @param dir      where its segment files and id live; one spool per server instance
     * @param maxBytes undrained bytes it holds at most; beyond it requests get 503 + Retry-After
     * @param groupCommitMicros how long the flusher waits for more appends before each fsync
     * @param drainNice  nice increment of the drain (the drainer and rollup folder threads and the
     *                   embedded MariaDB): under a load that saturates the cores the request path
     *                   gets them and the spool absorbs the burst; 0 keeps one priority for all
     */
    public record Spool(Path dir, long maxBytes, int groupCommitMicros, int drainNice) {
        public Spool {
            if (maxBytes < 1024 * 1024) {
                throw new ConfigException("FOOTFALL_SPOOL_MAX_MB", "must be at least 1, got " + maxBytes / (1024 * 1024));
            }
        }
    }

    /** Batch writer tuning; see {@code store.BatchWriter} for what each costs. */
    public record Writer(int batchSize, int flushIntervalMs, int maxBufferedEvents, int commitTimeoutMs, int writerThreads,
                         int rollupFoldMs) {
        public Writer {
            positive("FOOTFALL_ROLLUP_FOLD_MS", rollupFoldMs);
            positive("FOOTFALL_WRITER_THREADS", writerThreads);
            positive("FOOTFALL_BATCH_SIZE", batchSize);
            positive("FOOTFALL_FLUSH_INTERVAL_MS", flushIntervalMs);
            positive("FOOTFALL_MAX_BUFFERED_EVENTS", maxBufferedEvents);
            positive("FOOTFALL_COMMIT_TIMEOUT_MS", commitTimeoutMs);
        }
    }

    public boolean embeddedDatabase() {
        return mysqlUrl.isEmpty();
    }

    public boolean embeddedRedis() {
        return redisUrl.isEmpty();
    }

    /** Reads and validates every documented variable from {@code values}; unknown keys are ignored. */
    public static FootfallConfig from(Map<String, String> values) {
        Reader r = new Reader(values);
        String mysqlUrl = r.text("MYSQL_URL", "");
        if (!mysqlUrl.isEmpty() && !mysqlUrl.startsWith("jdbc:mysql:") && !mysqlUrl.startsWith("jdbc:mariadb:")) {
            throw new ConfigException("MYSQL_URL", "must be a jdbc:mysql:// or jdbc:mariadb:// URL, got '" + mysqlUrl + "'");
        }
        // One driver (MySQL Connector/J) speaks to both servers; it only answers to jdbc:mysql: URLs.
        mysqlUrl = mysqlUrl.replaceFirst("^jdbc:mariadb:", "jdbc:mysql:");
        String redisUrl = r.text("REDIS_URL", "");
        if (!redisUrl.isEmpty()) {
            try {
                RedisTopology.parse(redisUrl);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("REDIS_URL", e.getMessage());
            }
        }
        String trustedProxies = r.text("FOOTFALL_TRUSTED_PROXIES", "");
        try {
            ClientIpResolver.of(trustedProxies);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("FOOTFALL_TRUSTED_PROXIES", e.getMessage());
        }
        boolean embedded = mysqlUrl.isEmpty();
        Path dataDir = Path.of(r.text("FOOTFALL_DATA_DIR", defaultDataDir().toString()));
        Optional<Path> geoIp = Optional.of(r.text("FOOTFALL_GEOIP_DB", "")).filter(s -> !s.isEmpty()).map(Path::of);
        geoIp.ifPresent(path -> {
            if (!path.toFile().isFile()) {
                throw new ConfigException("FOOTFALL_GEOIP_DB", "no such file: " + path);
            }
        });
        return new FootfallConfig(
                r.integer("PORT", 8080, 0, 65535),
                mysqlUrl,
                r.text("MYSQL_USER", "footfall"),
                r.text("MYSQL_PASSWORD", ""),
                redisUrl,
                dataDir,
                r.text("FOOTFALL_ADMIN_TOKEN", ""),
                r.bool("FOOTFALL_DEMO", false),
                trustedProxies,
                geoIp,
                r.bool("FOOTFALL_AUTO_SITES", embedded),
                r.integer("FOOTFALL_RATE_LIMIT", 100, 0, 1_000_000),
                r.integer("FOOTFALL_RETENTION_DAYS", 0, 0, 36_500),
                logFormat(r.text("FOOTFALL_LOG_FORMAT", "text")),
                new Writer(
                        r.integer("FOOTFALL_BATCH_SIZE", 5000, 1, 100_000),
                        r.integer("FOOTFALL_FLUSH_INTERVAL_MS", 5, 1, 10_000),
                        r.integer("FOOTFALL_MAX_BUFFERED_EVENTS", 50_000, 1, 10_000_000),
                        r.integer("FOOTFALL_COMMIT_TIMEOUT_MS", 10_000, 1, 600_000),
                        r.integer("FOOTFALL_WRITER_THREADS", defaultWriterThreads(), 1, 64),
                        r.integer("FOOTFALL_ROLLUP_FOLD_MS", 5000, 1, 60_000)),
                new Spool(Path.of(r.text("FOOTFALL_SPOOL_DIR", dataDir.resolve("spool").toString())),
                        r.integer("FOOTFALL_SPOOL_MAX_MB", 1024, 1, 1_000_000) * 1024L * 1024,
                        r.integer("FOOTFALL_SPOOL_GROUP_COMMIT_US", 0, 0, 100_000),
                        r.integer("FOOTFALL_DRAIN_NICE", 10, 0, 19)));
    }

    /**
     * Half the cores, 1 to 4: lanes only pay off when the database has cores to run their
     * transactions side by side. On 2 cores one lane took 2,100 events/s live against 1,400 for
     * four, with the same import rate (docs/benchmarks-history.md, "Writer lanes").
     */
    static int defaultWriterThreads() {
        return Math.clamp(Runtime.getRuntime().availableProcessors() / 2, 1, 4);
    }

    /** {@code $XDG_DATA_HOME/footfall}, else {@code ~/.local/share/footfall}. */
    static Path defaultDataDir() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("footfall");
    }

    private static boolean logFormat(String format) {
        return switch (format) {
            case "text" -> false;
            case "json" -> true;
            default -> throw new ConfigException("FOOTFALL_LOG_FORMAT", "must be text or json, got '" + format + "'");
        };
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new ConfigException(name, "must be positive, got " + value);
        }
    }

    private record Reader(Map<String, String> values) {
        String text(String name, String fallback) {
            String value = values.get(name);
            return value == null ? fallback : value.strip();
        }

        int integer(String name, int fallback, int min, int max) {
            String value = text(name, "");
            if (value.isEmpty()) {
                return fallback;
            }
            try {
                int parsed = Integer.parseInt(value);
                if (parsed < min || parsed > max) {
                    throw new ConfigException(name, "must be between " + min + " and " + max + ", got " + value);
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw new ConfigException(name, "must be a whole number, got '" + value + "'");
            }
        }

        boolean bool(String name, boolean fallback) {
            String value = text(name, "").toLowerCase(Locale.ROOT);
            return switch (value) {
                case "" -> fallback;
                case "true", "1", "yes", "on" -> true;
                case "false", "0", "no", "off" -> false;
                default -> throw new ConfigException(name, "must be true or false, got '" + value + "'");
            };
        }
    }
}
