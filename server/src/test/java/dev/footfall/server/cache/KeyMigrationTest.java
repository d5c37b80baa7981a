package dev.footfall.server.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.server.TestInfra;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import redis.clients.jedis.Jedis;

/** Visitor keys of the layout before hash tags move to their tagged names with their TTL, and never over a newer key. */
class KeyMigrationTest {
    @Test
    void renamesOldVisitorKeysKeepingTtlAndNewerState() {
        TestInfra.flushRedis();
        RedissonClient redis = Redisson.create(RedisTopology.parse(TestInfra.redis().url()).redissonConfig());
        try (Jedis jedis = new Jedis("127.0.0.1", TestInfra.redis().port())) {
            for (int v = 1; v <= 1200; v++) {
                jedis.setex("ff:v:7:" + v, 1800, "visit-" + v);
            }
            jedis.setex("ff:d:7:42:20400", 3600, "seen");
            jedis.setex("ff:v:7:5000", 1800, "old");
            jedis.setex(CacheKeys.visit(7, 5000), 1800, "newer");
            jedis.setex("ff:idem:7:abc", 60, "1");

            assertEquals(1201, KeyMigration.run(redis));

            assertEquals("visit-1", jedis.get(CacheKeys.visit(7, 1)));
            assertEquals("visit-1200", jedis.get(CacheKeys.visit(7, 1200)));
            assertFalse(jedis.exists("ff:v:7:1"));
            assertTrue(jedis.ttl(CacheKeys.visit(7, 1)) > 1700);
            assertEquals("seen", jedis.get(CacheKeys.seen(7, 42, 20400)));
            assertEquals("newer", jedis.get(CacheKeys.visit(7, 5000)));
            assertEquals("1", jedis.get("ff:idem:7:abc"));
            assertNull(KeyMigration.tagged("ff:idem:7:abc"));
            assertEquals(0, KeyMigration.run(redis), "a second pass leaves the old key it must not move over a newer one");
        } finally {
            redis.shutdown();
        }
    }
}
