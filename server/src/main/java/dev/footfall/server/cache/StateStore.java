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
import org.redisson.api.RBatch;
import org.redisson.client.codec.StringCodec;

/**
 * Short-lived shared state (open visits, per-day seen sets, idempotency keys) as strings with
 * a TTL. Redis holds it so every server instance sees the same visits; each batch costs one
 * pipelined claim-and-read and one pipelined write, whatever its size. While Redis is down the state
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
        return claimAndGet(List.of(), Duration.ZERO, keys).values();
    }

    /** The outcome of {@link #claimAndGet}: true at index i when claim key i was newly claimed; values of the read keys that exist. */
    public record ClaimedState(boolean[] claimed, Map<String, String> values) {
    }

    /**
     * Sets each of {@code claimKeys} if absent (with {@code ttl}) and reads {@code readKeys}, in one
     * pipelined round trip: a batch's idempotency claims and its visit state cost one call, not two.
     */
    public ClaimedState claimAndGet(List<String> claimKeys, Duration ttl, Collection<String> readKeys) {
        return claim(claimKeys, null, ttl, readKeys);
    }

    /**
     * As {@link #claimAndGet(List, Duration, Collection)}, claiming each key with its token: a key
     * that already holds the same token counts as claimed, so an event replayed after a crash (the
     * spool's, whose token names its record) is not mistaken for a duplicate of itself.
     */
    public ClaimedState claimAndGet(List<String> claimKeys, List<String> tokens, Duration ttl, Collection<String> readKeys) {
        return claim(claimKeys, tokens, ttl, readKeys);
    }

    /**
     * {@code tokens} null: a plain set-if-absent of "1" per key, one command each (any earlier
     * claim is a duplicate); else the key's token is set and read back in the same pipeline, so a
     * key that already holds that token counts as claimed.
     */
    private ClaimedState claim(List<String> claimKeys, List<String> tokens, Duration ttl, Collection<String> readKeys) {
        int perClaim = tokens == null ? 1 : 2;
        boolean[] claimed = new boolean[claimKeys.size()];
        if (claimKeys.isEmpty() && readKeys.isEmpty()) {
            return new ClaimedState(claimed, Map.of());
        }
        List<String> ordered = new ArrayList<>(readKeys);
        return guard.call("claim and read state", () -> {
            RBatch batch = guard.client().createBatch();
            for (int i = 0; i < claimKeys.size(); i++) {
                batch.<String>getBucket(claimKeys.get(i), StringCodec.INSTANCE).setIfAbsentAsync(tokens == null ? "1" : tokens.get(i), ttl);
                if (tokens != null) {
                    batch.<String>getBucket(claimKeys.get(i), StringCodec.INSTANCE).getAsync();
                }
            }
            for (String key : ordered) {
                batch.<String>getBucket(key, StringCodec.INSTANCE).getAsync();
            }
            List<?> responses = batch.execute().getResponses();
            for (int i = 0; i < claimed.length; i++) {
                claimed[i] = Boolean.TRUE.equals(responses.get(perClaim * i))
                        || tokens != null && tokens.get(i).equals(responses.get(perClaim * i + 1));
            }
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < ordered.size(); i++) {
                Object value = responses.get(perClaim * claimed.length + i);
                if (value != null) {
                    values.put(ordered.get(i), (String) value);
                }
            }
            return new ClaimedState(claimed, values);
        }).orElseGet(() -> {
            for (int i = 0; i < claimed.length; i++) {
                String token = tokens == null ? "1" : tokens.get(i);
                Entry before = local.asMap().putIfAbsent(claimKeys.get(i), new Entry(token, ttl));
                claimed[i] = before == null || tokens != null && token.equals(before.value());
            }
            Map<String, String> values = new HashMap<>();
            for (String key : ordered) {
                Entry entry = local.getIfPresent(key);
                if (entry != null) {
                    values.put(key, entry.value());
                }
            }
            return new ClaimedState(claimed, values);
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

    /** Forgets keys (claims of a batch whose commit failed, so a retry is not mistaken for a duplicate). */
    public void deleteAll(Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        keys.forEach(local::invalidate);
        guard.call("delete keys", () -> {
            // One DEL per key: a multi-key DEL would span hash slots on a cluster.
            RBatch batch = guard.client().createBatch();
            keys.forEach(key -> batch.getBucket(key, StringCodec.INSTANCE).deleteAsync());
            batch.execute();
            return true;
        });
    }
}
