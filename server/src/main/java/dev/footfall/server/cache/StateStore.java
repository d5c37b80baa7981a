package dev.footfall.server.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RBucketAsync;
import org.redisson.client.codec.StringCodec;

/**
 * Short-lived shared state (open visits, per-day seen sets, idempotency keys) as strings with
 * a TTL. Redis holds it so every server instance sees the same visits; each batch costs one
 * pipelined read and one pipelined write, whatever its size. While Redis is down the state
 * lives in an in-process map instead: ingestion goes on, and only a visitor whose requests
 * alternate between instances during the outage is split into two visits.
 */
public final class StateStore {
    private final RedisGuard guard;
    /** Fallback copy used while Redis is unreachable; entries expire with their own TTL. */
    private final Cache<String, Entry> local = Caffeine.newBuilder()
            .maximumSize(1_000_000)
            .expireAfter(new Expiry<String, Entry>() {
                @Override
                public long expireAfterCreate(String key, Entry value, long currentTime) {
                    return value.ttl().toNanos();
                }

                @Override
                public long expireAfterUpdate(String key, Entry value, long currentTime, long currentDuration) {
                    return value.ttl().toNanos();
                }

                @Override
                public long expireAfterRead(String key, Entry value, long currentTime, long currentDuration) {
                    return currentDuration;
                }
            })
            .build();

    private record Entry(String value, Duration ttl) {
    }

    public StateStore(RedisGuard guard) {
        this.guard = guard;
    }

    /** Values of the keys that exist. */
    public Map<String, String> getAll(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        return guard.call("read state", () -> {
            RBatch batch = guard.client().createBatch();
            List<String> ordered = new ArrayList<>(keys);
            for (String key : ordered) {
                batch.<String>getBucket(key, StringCodec.INSTANCE).getAsync();
            }
            BatchResult<?> result = batch.execute();
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < ordered.size(); i++) {
                Object value = result.getResponses().get(i);
                if (value != null) {
                    values.put(ordered.get(i), (String) value);
                }
            }
            return values;
        }).orElseGet(() -> {
            Map<String, String> values = new HashMap<>();
            for (String key : keys) {
                Entry entry = local.getIfPresent(key);
                if (entry != null) {
                    values.put(key, entry.value());
                }
            }
            return values;
        });
    }

    /** Writes all values with one TTL each: a map of TTL → (key → value). */
    public void putAll(Map<Duration, Map<String, String>> valuesByTtl) {
        boolean written = guard.call("write state", () -> {
            RBatch batch = guard.client().createBatch();
            valuesByTtl.forEach((ttl, values) -> values.forEach((key, value) ->
                    batch.<String>getBucket(key, StringCodec.INSTANCE).setAsync(value, ttl)));
            batch.execute();
            return true;
        }).orElse(false);
        if (!written) {
            valuesByTtl.forEach((ttl, values) -> values.forEach((key, value) -> local.put(key, new Entry(value, ttl))));
        }
    }

    /** Sets each key if absent; true at index i when key i was newly claimed. */
    public boolean[] claim(List<String> keys, Duration ttl) {
        boolean[] claimed = new boolean[keys.size()];
        if (keys.isEmpty()) {
            return claimed;
        }
        boolean viaRedis = guard.call("claim keys", () -> {
            RBatch batch = guard.client().createBatch();
            for (String key : keys) {
                RBucketAsync<String> bucket = batch.getBucket(key, StringCodec.INSTANCE);
                bucket.setIfAbsentAsync("1", ttl);
            }
            List<?> responses = batch.execute().getResponses();
            for (int i = 0; i < claimed.length; i++) {
                claimed[i] = Boolean.TRUE.equals(responses.get(i));
            }
            return true;
        }).orElse(false);
        if (!viaRedis) {
            for (int i = 0; i < claimed.length; i++) {
                claimed[i] = local.asMap().putIfAbsent(keys.get(i), new Entry("1", ttl)) == null;
            }
        }
        return claimed;
    }

    /** Forgets keys (claims of a batch whose commit failed, so a retry is not mistaken for a duplicate). */
    public void deleteAll(Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        keys.forEach(local::invalidate);
        guard.call("delete keys", () -> guard.client().getKeys().delete(keys.toArray(String[]::new)));
    }
}
