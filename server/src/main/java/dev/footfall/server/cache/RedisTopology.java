package dev.footfall.server.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.redisson.config.BaseMasterSlaveServersConfig;
import org.redisson.config.Config;
import org.redisson.config.ReadMode;

/**
 * Where Redis is, parsed from {@code REDIS_URL}: one server, a Sentinel-watched master, or a
 * Cluster. One URL per topology, so a deployment changes one variable to move between them:
 * <pre>
 * redis://[user:password@]host[:port][/db]                         one server (rediss:// for TLS)
 * redis-sentinel://[user:password@]host[:port],host[:port]/master[/db]   Sentinel, port 26379 by default
 * redis-cluster://[user:password@]host[:port],host[:port]               Cluster seed nodes, port 6379 by default
 * </pre>
 * ({@code rediss-sentinel://} and {@code rediss-cluster://} for TLS). Credentials are those of
 * the Redis nodes; sentinels are expected to need none. Reads go to masters only: visit state is
 * read right after its lock is taken, and a replica may not have the last write yet.
 */
public sealed interface RedisTopology {
    /** A Redis server whose URL Redisson reads as it is. */
    record Single(String url) implements RedisTopology {
    }

    record Sentinel(boolean tls, List<String> sentinels, String masterName, int database, String user, String password)
            implements RedisTopology {
        public Sentinel {
            sentinels = List.copyOf(sentinels);
        }
    }

    record Cluster(boolean tls, List<String> nodes, String user, String password) implements RedisTopology {
        public Cluster {
            nodes = List.copyOf(nodes);
        }
    }

    /** scheme://[userinfo@]hosts[/path]: the host list may hold several comma-separated host:port pairs. */
    Pattern URL = Pattern.compile("(?<scheme>[a-z-]+)://(?:(?<userinfo>[^@/]*)@)?(?<hosts>[^/?#]*)(?<path>/[^?#]*)?");
    Pattern HOST = Pattern.compile("(?<host>[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+])(?::(?<port>\\d{1,5}))?");

    /** The topology {@code url} names; an {@link IllegalArgumentException} saying what is wrong otherwise. */
    static RedisTopology parse(String url) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("must be a redis://, rediss://, redis-sentinel:// or redis-cluster:// URL, got '" + url + "'");
        }
        String scheme = m.group("scheme");
        String path = m.group("path") == null ? "" : m.group("path");
        return switch (scheme) {
            case "redis", "rediss" -> {
                List<String> hosts = hosts(m.group("hosts"), 6379, url);
                if (hosts.size() != 1) {
                    throw new IllegalArgumentException("names one server; use redis-cluster:// or redis-sentinel:// for several, got '" + url + "'");
                }
                database(path.isEmpty() || path.equals("/") ? "0" : path.substring(1), url);
                yield new Single(url);
            }
            case "redis-sentinel", "rediss-sentinel" -> {
                String[] parts = path.isEmpty() ? new String[0] : path.substring(1).split("/", -1);
                if (parts.length == 0 || parts[0].isEmpty() || parts.length > 2) {
                    throw new IllegalArgumentException("must name the master after the sentinels, as in "
                            + "redis-sentinel://host:26379,host:26379/mymaster, got '" + url + "'");
                }
                int db = parts.length == 2 ? database(parts[1], url) : 0;
                String[] credentials = credentials(m.group("userinfo"));
                yield new Sentinel(scheme.startsWith("rediss"), hosts(m.group("hosts"), 26379, url), parts[0], db,
                        credentials[0], credentials[1]);
            }
            case "redis-cluster", "rediss-cluster" -> {
                if (!path.isEmpty() && !path.equals("/")) {
                    throw new IllegalArgumentException("takes no path (a cluster has database 0 only), got '" + url + "'");
                }
                String[] credentials = credentials(m.group("userinfo"));
                yield new Cluster(scheme.startsWith("rediss"), hosts(m.group("hosts"), 6379, url), credentials[0], credentials[1]);
            }
            default -> throw new IllegalArgumentException(
                    "must be a redis://, rediss://, redis-sentinel:// or redis-cluster:// URL, got '" + url + "'");
        };
    }

    /**
     * The Redisson configuration. Short timeouts on purpose: a Redis outage must cost ingestion
     * milliseconds, not the default 3 s × 4 attempts; {@link RedisGuard} then skips Redis until
     * it answers again. Sentinel and Cluster topologies are rescanned every second, so a promoted
     * replica is used about a second after the promotion.
     */
    default Config redissonConfig() {
        Config config = new Config();
        config.setThreads(4).setNettyThreads(8);
        switch (this) {
            case Single s -> config.useSingleServer()
                    .setAddress(s.url())
                    .setConnectTimeout(1_000)
                    .setTimeout(1_000)
                    .setRetryAttempts(0)
                    .setConnectionMinimumIdleSize(4)
                    .setConnectionPoolSize(32)
                    .setPingConnectionInterval(5_000);
            case Sentinel s -> tuned(config.useSentinelServers()
                    .setMasterName(s.masterName())
                    .setDatabase(s.database())
                    .setScanInterval(1_000)
                    .setCheckSentinelsList(false)
                    .addSentinelAddress(addresses(s.tls(), s.sentinels())), s.user(), s.password());
            case Cluster c -> tuned(config.useClusterServers()
                    .setScanInterval(1_000)
                    .addNodeAddress(addresses(c.tls(), c.nodes())), c.user(), c.password());
        }
        return config;
    }

    private static <T extends BaseMasterSlaveServersConfig<T>> void tuned(T servers, String user, String password) {
        servers.setReadMode(ReadMode.MASTER)
                .setConnectTimeout(1_000)
                .setTimeout(1_000)
                .setRetryAttempts(0)
                .setMasterConnectionMinimumIdleSize(4)
                .setMasterConnectionPoolSize(32)
                .setSlaveConnectionMinimumIdleSize(1)
                .setPingConnectionInterval(5_000);
        if (user != null) {
            servers.setUsername(user);
        }
        if (password != null) {
            servers.setPassword(password);
        }
    }

    private static String[] addresses(boolean tls, List<String> hosts) {
        return hosts.stream().map(h -> (tls ? "rediss://" : "redis://") + h).toArray(String[]::new);
    }

    /** host:port pairs, the port filled in; at least one. */
    private static List<String> hosts(String list, int defaultPort, String url) {
        List<String> hosts = new ArrayList<>();
        for (String part : list.split(",", -1)) {
            Matcher h = HOST.matcher(part.strip());
            if (!h.matches()) {
                throw new IllegalArgumentException("must name a host, as in redis://localhost:6379, got '" + url + "'");
            }
            int port = h.group("port") == null ? defaultPort : Integer.parseInt(h.group("port"));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("has port " + port + " out of range, got '" + url + "'");
            }
            hosts.add(h.group("host") + ":" + port);
        }
        return hosts;
    }

    private static int database(String text, String url) {
        if (!text.matches("\\d{1,2}")) {
            throw new IllegalArgumentException("has database '" + text + "', not a number from 0 to 99, in '" + url + "'");
        }
        return Integer.parseInt(text);
    }

    /** user and password of "user:password", ":password" or "password"; nulls when absent. */
    private static String[] credentials(String userinfo) {
        if (userinfo == null || userinfo.isEmpty()) {
            return new String[] {null, null};
        }
        int colon = userinfo.indexOf(':');
        if (colon < 0) {
            return new String[] {null, userinfo};
        }
        String user = userinfo.substring(0, colon);
        return new String[] {user.isEmpty() ? null : user, userinfo.substring(colon + 1)};
    }
}
