package dev.footfall.server.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.redisson.config.Config;
import org.redisson.config.ReadMode;

/** Each documented REDIS_URL form reads as its topology, with default ports filled in. */
class RedisTopologyTest {
    record Case(String url, RedisTopology expected) {
        @Override
        public String toString() {
            return url;
        }
    }

    static Stream<Case> forms() {
        return Stream.of(
                new Case("redis://localhost:6379", new RedisTopology.Single("redis://localhost:6379")),
                new Case("rediss://:secret@cache.internal:6380/2", new RedisTopology.Single("rediss://:secret@cache.internal:6380/2")),
                new Case("redis-sentinel://s1:26379,s2,10.0.0.3:26380/mymaster",
                        new RedisTopology.Sentinel(false, List.of("s1:26379", "s2:26379", "10.0.0.3:26380"), "mymaster", 0, null, null)),
                new Case("rediss-sentinel://app:pw@s1/cache/3",
                        new RedisTopology.Sentinel(true, List.of("s1:26379"), "cache", 3, "app", "pw")),
                new Case("redis-cluster://127.0.0.1:17001,127.0.0.1:17002",
                        new RedisTopology.Cluster(false, List.of("127.0.0.1:17001", "127.0.0.1:17002"), null, null)),
                new Case("rediss-cluster://:pw@node-a,[::1]:7000/",
                        new RedisTopology.Cluster(true, List.of("node-a:6379", "[::1]:7000"), null, "pw")));
    }

    @ParameterizedTest
    @MethodSource("forms")
    void readsEachForm(Case c) {
        assertEquals(c.expected(), RedisTopology.parse(c.url()));
    }

    @Test
    void clusterAndSentinelReadFromMastersOnly() {
        Config cluster = RedisTopology.parse("redis-cluster://a:7000,b:7001").redissonConfig();
        assertEquals(List.of("redis://a:7000", "redis://b:7001"), cluster.useClusterServers().getNodeAddresses());
        assertEquals(ReadMode.MASTER, cluster.useClusterServers().getReadMode());
        Config sentinel = RedisTopology.parse("rediss-sentinel://:pw@s1,s2/mymaster/1").redissonConfig();
        assertEquals("mymaster", sentinel.useSentinelServers().getMasterName());
        assertEquals(List.of("rediss://s1:26379", "rediss://s2:26379"), sentinel.useSentinelServers().getSentinelAddresses());
        assertEquals(1, sentinel.useSentinelServers().getDatabase());
        assertEquals("pw", sentinel.useSentinelServers().getPassword());
        assertEquals(ReadMode.MASTER, sentinel.useSentinelServers().getReadMode());
    }
}
