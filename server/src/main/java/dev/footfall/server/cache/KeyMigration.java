package dev.footfall.server.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.KeysScanOptions;
import org.redisson.client.codec.StringCodec;

/**
 * Moves visit state and seen sets written before visitor keys carried a hash tag
 * ({@code ff:v:12:345} → {@code ff:v:{12:345}}, {@code ff:d:12:345:20400} → {@code ff:d:{12:345}:20400})
 * to their tagged names, so an upgrade neither splits the visits open at that moment nor counts
 * today's visitors again. Runs once per start on a background thread: a scan of the keyspace
 * and one {@code RENAMENX} per old key (which keeps its TTL and never overwrites a key a new server
 * already wrote), 500 to a pipeline. Only a single server or a Sentinel-watched one can hold old
 * keys: a Cluster was not supported before the tags.
 */
public final class KeyMigration {
    private static final Logger LOG = Logger.getLogger(KeyMigration.class.getName());
    private static final int PIPELINE = 500;

    private KeyMigration() {
    }

    /** Starts the pass on a virtual thread unless {@code topology} is a Cluster. */
    public static void startIfNeeded(RedissonClient redis, RedisTopology topology) {
        if (topology instanceof RedisTopology.Cluster) {
            return;
        }
        Thread.ofVirtual().name("redis-key-migration").start(() -> {
            try {
                int moved = run(redis);
                if (moved > 0) {
                    LOG.info("redis: moved " + moved + " visitor keys to hash-tagged names");
                }
            } catch (RuntimeException e) {
                LOG.warning("redis: key migration stopped (" + e.getMessage() + "); visits open before the upgrade may split");
            }
        });
    }

    /** Renames every old-style visitor key; the number renamed. */
    static int run(RedissonClient redis) {
        int moved = 0;
        for (String pattern : List.of("ff:v:[0-9]*", "ff:d:[0-9]*")) {
            List<String> pending = new ArrayList<>(PIPELINE);
            for (String key : redis.getKeys().getKeys(KeysScanOptions.defaults().pattern(pattern).chunkSize(1_000))) {
                pending.add(key);
                if (pending.size() == PIPELINE) {
                    moved += rename(redis, pending);
                    pending.clear();
                }
            }
            moved += rename(redis, pending);
        }
        return moved;
    }

    /** {@code ff:v:site:visitor[:day]} → {@code ff:v:{site:visitor}[:day]}; null for a key of another shape. */
    static String tagged(String key) {
        String[] parts = key.split(":", -1);
        boolean visit = parts.length == 4 && parts[1].equals("v");
        boolean seen = parts.length == 5 && parts[1].equals("d");
        if (!visit && !seen) {
            return null;
        }
        String name = "ff:" + parts[1] + ":{" + parts[2] + ":" + parts[3] + "}";
        return seen ? name + ":" + parts[4] : name;
    }

    private static int rename(RedissonClient redis, List<String> keys) {
        RBatch batch = redis.createBatch();
        int queued = 0;
        for (String key : keys) {
            String target = tagged(key);
            if (target != null) {
                batch.getBucket(key, StringCodec.INSTANCE).renamenxAsync(target);
                queued++;
            }
        }
        if (queued == 0) {
            return 0;
        }
        int renamed = 0;
        for (Object answer : batch.execute().getResponses()) {
            if (Boolean.TRUE.equals(answer)) {
                renamed++;
            }
        }
        return renamed;
    }
}
