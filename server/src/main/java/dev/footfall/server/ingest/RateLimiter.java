package dev.footfall.server.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.footfall.server.cache.CacheKeys;
import dev.footfall.server.cache.RedisGuard;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.api.RBatch;
import org.redisson.api.RAtomicLongAsync;

/**
 * Events per second per client, shared by all instances: a one-second window counter in Redis
 * (INCR + EXPIRE, pipelined: one round trip). The client is a salted hash of its IP, so no
 * address reaches Redis or its persistence files. Without Redis each instance counts alone.
 */
public final class RateLimiter {
    private final RedisGuard redis;
    private final int eventsPerSecond;
    /** Fallback windows while Redis is down: key → count, expiring with the window. */
    private final Cache<String, AtomicLong> local = Caffeine.newBuilder()
            .expireAfterWrite(CacheKeys.RATE_WINDOW_TTL).maximumSize(1_000_000).build();

    public RateLimiter(RedisGuard redis, int eventsPerSecond) {
        this.redis = redis;
        this.eventsPerSecond = eventsPerSecond;
    }

    public boolean enabled() {
        return eventsPerSecond > 0;
    }

    /** Counts one request of {@code events} events; false when the client is over its limit this second. */
    public boolean allow(long clientHash, int events, long nowMs) {
        if (!enabled()) {
            return true;
        }
        String key = CacheKeys.rateWindow(clientHash, nowMs / 1000);
        long count = redis.call("rate limit", () -> {
            RBatch batch = redis.client().createBatch();
            RAtomicLongAsync counter = batch.getAtomicLong(key);
            counter.addAndGetAsync(events);
            counter.expireAsync(CacheKeys.RATE_WINDOW_TTL);
            return (Long) batch.execute().getResponses().get(0);
        }).orElseGet(() -> local.get(key, k -> new AtomicLong()).addAndGet(events));
        return count <= eventsPerSecond;
    }

    /** Seconds until the current window ends, for Retry-After. */
    public static long retryAfterSeconds() {
        return Duration.ofSeconds(1).toSeconds();
    }
}
