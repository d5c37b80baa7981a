package dev.footfall.server.cache;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.redisson.api.RedissonClient;

/**
 * A circuit breaker in front of Redis. A failed call opens it for {@value #OPEN_MS} ms, during
 * which callers skip Redis and use their fallback (database lookups, in-process state), so an
 * outage costs one command timeout every few seconds instead of one per request. Redisson
 * reconnects by itself; the first call after the open period finds out whether it has.
 */
public final class RedisGuard {
    private static final Logger LOG = Logger.getLogger(RedisGuard.class.getName());
    static final long OPEN_MS = 5_000;

    private final RedissonClient redis;
    /** Epoch ms until which Redis is skipped; 0 while Redis works. Reset by the first success. */
    private final AtomicLong openUntilMs = new AtomicLong();
    /** Epoch ms of the first failure since Redis last answered; 0 while Redis works. */
    private final AtomicLong downSinceMs = new AtomicLong();

    public RedisGuard(RedissonClient redis) {
        this.redis = redis;
    }

    public RedissonClient client() {
        return redis;
    }

    /** Runs {@code call} unless the breaker is open; empty when skipped or failed. */
    public <T> Optional<T> call(String what, Supplier<T> call) {
        long now = System.currentTimeMillis();
        if (openUntilMs.get() > now) {
            return Optional.empty();
        }
        try {
            T result = call.get();
            if (openUntilMs.getAndSet(0) != 0) {
                downSinceMs.set(0);
                LOG.info("redis: reachable again, leaving fallback mode");
            }
            return Optional.ofNullable(result);
        } catch (RuntimeException e) {
            downSinceMs.compareAndSet(0, now);
            if (openUntilMs.getAndSet(now + OPEN_MS) == 0) {
                LOG.warning("redis: " + what + " failed (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                        + "); using fallbacks, retrying in " + OPEN_MS + " ms");
            }
            return Optional.empty();
        }
    }

    /** True while calls are skipped: a call failed less than {@value #OPEN_MS} ms ago. */
    public boolean open() {
        return openUntilMs.get() > System.currentTimeMillis();
    }

    /** How long Redis has failed every call, in ms; 0 while it answers. */
    public long unavailableMs() {
        long since = downSinceMs.get();
        return since == 0 ? 0 : System.currentTimeMillis() - since;
    }

    /** True while Redis answered the last call (or no call failed yet). */
    public boolean healthy() {
        return openUntilMs.get() == 0;
    }

    /** A live check for /health: PING through Redisson, bypassing the breaker. */
    public boolean ping() {
        try {
            return redis.getKeys().count() >= 0;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
