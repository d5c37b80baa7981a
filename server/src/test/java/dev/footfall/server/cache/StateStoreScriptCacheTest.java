package dev.footfall.server.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.server.TestInfra;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The state scripts go by digest (EVALSHA). A Redis that lost its script cache (a restart, a
 * failover, {@code SCRIPT FLUSH}) gets them loaded again, and the batch's claims, locks and saves
 * still land in Redis, not in the in-process fallback. The real embedded Redis.
 */
class StateStoreScriptCacheTest {
    static final List<String> LOCKS = List.of(CacheKeys.visitorLock(1, 9));
    static final List<String> READS = List.of(CacheKeys.visit(1, 9));

    @Test
    void aFlushedScriptCacheIsLoadedAgain() {
        TestInfra.flushRedis();
        RedissonClient redis = Redisson.create(RedisTopology.parse(TestInfra.redis().url()).redissonConfig());
        try {
            StateStore state = new StateStore(new RedisGuard(redis));
            Duration ttl = Duration.ofMinutes(1);
            StateStore.ClaimedState first = state.claimAndGet(List.of("ff:idem:1:x"), List.of("s:1"), ttl, READS, LOCKS);
            state.putAll(Map.of(CacheKeys.VISIT_TTL, Map.of(READS.get(0), "one")), first.locks());

            for (int round = 2; round <= 3; round++) {
                redis.getScript().scriptFlush();
                String key = "ff:idem:1:y" + round;
                StateStore.ClaimedState next = state.claimAndGet(List.of(key), List.of("s:" + round), ttl, READS, LOCKS);
                assertArrayEquals(new boolean[] {true}, next.claimed());
                assertEquals(LOCKS.size(), next.locks().keys().size(), "the lock is taken in Redis, not skipped");
                assertEquals("one", next.values().get(READS.get(0)));
                assertEquals("s:" + round, redis.getBucket(key, StringCodec.INSTANCE).get(), "the claim is in Redis");
                redis.getScript().scriptFlush();
                assertTrue(state.stage(Map.of(CacheKeys.VISIT_TTL, Map.of(READS.get(0), "one")), next.locks(), "s:" + round));
                redis.getScript().scriptFlush();
                state.putAll(Map.of(CacheKeys.VISIT_TTL, Map.of(READS.get(0), "one")), next.locks());
                assertNull(redis.getBucket(LOCKS.get(0), StringCodec.INSTANCE).get(), "the save released the lock");
                assertEquals("one", redis.getBucket(READS.get(0), StringCodec.INSTANCE).get());
            }
            // A claim replayed with its own token is still its own, by digest as by text.
            assertTrue(state.claimAndGet(List.of("ff:idem:1:x"), List.of("s:1"), ttl, List.of(), List.of()).claimed()[0]);
        } finally {
            redis.shutdown();
        }
    }
}
