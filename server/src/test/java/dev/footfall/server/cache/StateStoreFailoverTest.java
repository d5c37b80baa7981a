package dev.footfall.server.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.server.TestInfra;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;

/**
 * While Redis has failed for less than the failover grace, a spool batch is deferred (its drainer
 * runs it again) instead of using in-process state; past the grace, and for batches without
 * tokens, the in-process fallback takes over as before. The real embedded Redis is stopped.
 */
class StateStoreFailoverTest {
    static final List<String> LOCKS = List.of(CacheKeys.visitorLock(1, 7));
    static final List<String> READS = List.of(CacheKeys.visit(1, 7));

    @Test
    void spoolBatchesWaitForAFailoverThenFallBack() {
        TestInfra.flushRedis();
        RedissonClient redis = Redisson.create(RedisTopology.parse(TestInfra.redis().url()).redissonConfig());
        try {
            RedisGuard guard = new RedisGuard(redis);
            StateStore waiting = new StateStore(guard, Duration.ofMinutes(1));
            StateStore.ClaimedState up = waiting.claimAndGet(List.of("ff:idem:1:a"), List.of("s:1"), Duration.ofMinutes(1), READS, LOCKS);
            assertEquals(LOCKS.size(), up.locks().keys().size());
            waiting.putAll(Map.of(CacheKeys.VISIT_TTL, Map.of(READS.get(0), "state")), up.locks());
            TestInfra.redis().stop();
            try {
                // The call that finds Redis gone, and the spool batches after it, wait for the failover;
                // import batches (no tokens, so their claims cannot be made twice) do not.
                assertThrows(StateStore.RedisFailingOver.class,
                        () -> waiting.claimAndGet(List.of("ff:idem:1:b"), List.of("s:2"), Duration.ofMinutes(1), READS, LOCKS));
                assertThrows(StateStore.RedisFailingOver.class,
                        () -> waiting.claimAndGet(List.of("ff:idem:1:c"), List.of("s:3"), Duration.ofMinutes(1), READS, LOCKS));
                assertTrue(waiting.claimAndGet(List.of("ff:idem:1:d"), null, Duration.ofMinutes(1), READS, LOCKS).claimed()[0]);
                // Past the grace, in-process state again.
                StateStore impatient = new StateStore(guard, Duration.ZERO);
                StateStore.ClaimedState fallback = impatient.claimAndGet(List.of("ff:idem:1:e"), List.of("s:5"), Duration.ofMinutes(1), READS, LOCKS);
                assertTrue(fallback.claimed()[0]);
                assertTrue(fallback.locks().keys().isEmpty());
            } finally {
                TestInfra.redis().restart();
            }
        } finally {
            redis.shutdown();
        }
    }
}
