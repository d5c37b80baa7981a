package dev.footfall.server.lookup;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.footfall.server.cache.CacheKeys;
import dev.footfall.server.cache.RedisGuard;
import dev.footfall.server.metrics.FootfallMetrics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.client.codec.StringCodec;

/**
 * Dimension value → id, cache-aside in three layers: an in-process near cache (Caffeine), a Redis
 * hash per dimension shared by all instances, then MySQL. A batch resolves all its values with at
 * most one Redis round trip and, for values never seen before, one {@code INSERT IGNORE} and one
 * {@code SELECT} per dimension. The unique key on the value's digest makes creation idempotent:
 * two instances racing on a new page both read the one row that won, and neither fails (the
 * system Footfall replaces answered 500 there). Ids never change, so cached entries never go stale.
 */
public final class DimensionLookup {
    /** Longest stored value; longer values are cut (the column is VARCHAR(2048)). */
    public static final int MAX_VALUE_CHARS = 2048;
    /** Longest stored name of a {@link Dimension#named()} value (the column is VARCHAR(200)). */
    static final int MAX_NAME_CHARS = 200;

    private final DataSource db;
    private final RedisGuard redis;
    private final FootfallMetrics metrics;
    /** Near cache per dimension: value → id. Bounded; an evicted entry costs one Redis hit. */
    private final Map<Dimension, Cache<String, Integer>> near = new EnumMap<>(Dimension.class);

    public DimensionLookup(DataSource db, RedisGuard redis, FootfallMetrics metrics) {
        this.db = db;
        this.redis = redis;
        this.metrics = metrics;
        for (Dimension d : Dimension.values()) {
            near.put(d, Caffeine.newBuilder().maximumSize(200_000).build());
        }
    }

    /** Ids of all requested values; every requested value is present in the answer. */
    public Map<Dimension, Map<String, Integer>> resolve(Map<Dimension, Set<String>> wanted) {
        Map<Dimension, Map<String, Integer>> ids = new EnumMap<>(Dimension.class);
        Map<Dimension, List<String>> missing = new EnumMap<>(Dimension.class);
        int[] answered = new int[3];
        wanted.forEach((dim, values) -> {
            Map<String, Integer> found = new HashMap<>();
            ids.put(dim, found);
            for (String raw : values) {
                String value = clip(raw);
                Integer id = near.get(dim).getIfPresent(value);
                if (id != null) {
                    found.put(raw, id);
                    answered[0]++;
                } else {
                    missing.computeIfAbsent(dim, d -> new ArrayList<>()).add(raw);
                }
            }
        });
        metrics.lookups("near", answered[0]);
        if (missing.isEmpty()) {
            return ids;
        }
        Map<Dimension, Map<String, Integer>> fromRedis = fromRedis(missing);
        Map<Dimension, Map<String, Integer>> created = new EnumMap<>(Dimension.class);
        missing.forEach((dim, values) -> {
            Map<String, Integer> cached = fromRedis.getOrDefault(dim, Map.of());
            List<String> stillMissing = new ArrayList<>();
            for (String raw : values) {
                Integer id = cached.get(clip(raw));
                if (id != null) {
                    ids.get(dim).put(raw, id);
                    near.get(dim).put(clip(raw), id);
                    answered[1]++;
                } else {
                    stillMissing.add(raw);
                }
            }
            if (!stillMissing.isEmpty()) {
                Map<String, Integer> fromDb = fromDatabase(dim, stillMissing);
                created.put(dim, fromDb);
                answered[2] += stillMissing.size();
                for (String raw : stillMissing) {
                    Integer id = fromDb.get(clip(raw));
                    ids.get(dim).put(raw, id);
                    near.get(dim).put(clip(raw), id);
                }
            }
        });
        toRedis(created);
        metrics.lookups("redis", answered[1]);
        metrics.lookups("database", answered[2]);
        return ids;
    }

    /** One id; convenience for rare single lookups. */
    public int id(Dimension dim, String value) {
        return resolve(Map.of(dim, Set.of(value))).get(dim).get(value);
    }

    private Map<Dimension, Map<String, Integer>> fromRedis(Map<Dimension, List<String>> missing) {
        return redis.call("read dimension ids", () -> {
            RBatch batch = redis.client().createBatch();
            int day = utcToday();
            List<Dimension> order = new ArrayList<>(missing.keySet());
            for (Dimension dim : order) {
                Set<String> keys = new java.util.HashSet<>();
                missing.get(dim).forEach(v -> keys.add(clip(v)));
                batch.<String, String>getMap(CacheKeys.dimension(dim.table(), day), StringCodec.INSTANCE).getAllAsync(keys);
            }
            BatchResult<?> result = batch.execute();
            Map<Dimension, Map<String, Integer>> found = new EnumMap<>(Dimension.class);
            for (int i = 0; i < order.size(); i++) {
                @SuppressWarnings("unchecked")
                Map<String, String> values = (Map<String, String>) result.getResponses().get(i);
                Map<String, Integer> parsed = new HashMap<>();
                values.forEach((k, v) -> parsed.put(k, Integer.valueOf(v)));
                found.put(order.get(i), parsed);
            }
            return found;
        }).orElse(Map.of());
    }

    private void toRedis(Map<Dimension, Map<String, Integer>> created) {
        if (created.isEmpty()) {
            return;
        }
        redis.call("write dimension ids", () -> {
            RBatch batch = redis.client().createBatch();
            int day = utcToday();
            created.forEach((dim, values) -> {
                Map<String, String> asText = new HashMap<>();
                values.forEach((k, v) -> asText.put(k, v.toString()));
                var map = batch.<String, String>getMap(CacheKeys.dimension(dim.table(), day), StringCodec.INSTANCE);
                map.putAllAsync(asText);
                map.expireAsync(CacheKeys.DIMENSION_TTL);
            });
            return batch.execute();
        });
    }

    /**
     * INSERT IGNORE the values (sorted by digest, so concurrent writers lock in one order), then read
     * their ids. A {@link Dimension#named()} dimension's row is keyed by the value's code, with the
     * name in its own column (the first non-empty name given stays); the answer maps each (clipped)
     * value given to its id.
     */
    private Map<String, Integer> fromDatabase(Dimension dim, Collection<String> rawValues) {
        // Each key's digest once, and the name that goes with it (the first one seen for a named dimension).
        Map<String, byte[]> digests = new java.util.HashMap<>();
        Map<String, String> names = new java.util.HashMap<>();
        for (String raw : rawValues) {
            String value = clip(raw);
            String key = dim.named() ? Dimension.codeOf(value) : value;
            digests.computeIfAbsent(key, DimensionLookup::digest);
            names.putIfAbsent(key, clipName(Dimension.nameOf(value)));
        }
        // Sorted unsigned, the same order as their hex strings.
        List<String> keys = digests.keySet().stream()
                .sorted(Comparator.comparing(digests::get, java.util.Arrays::compareUnsigned)).toList();
        String columns = dim.named() ? " (value_hash, value, name) VALUES " : " (value_hash, value) VALUES ";
        String row = dim.named() ? "(?, ?, ?)" : "(?, ?)";
        String insert = "INSERT IGNORE INTO " + dim.table() + columns + String.join(",", java.util.Collections.nCopies(keys.size(), row))
                + " /* DimensionLookup.create */";
        String select = "SELECT id, value" + (dim.named() ? ", name" : "") + " FROM " + dim.table() + " WHERE value_hash IN ("
                + String.join(",", java.util.Collections.nCopies(keys.size(), "?")) + ") /* DimensionLookup.ids */";
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                int i = 1;
                for (String k : keys) {
                    ps.setBytes(i++, digests.get(k));
                    ps.setString(i++, k);
                    if (dim.named()) {
                        ps.setString(i++, names.get(k));
                    }
                }
                ps.executeUpdate();
            }
            Map<String, Integer> byKey = new HashMap<>();
            List<String> unnamed = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(select)) {
                int i = 1;
                for (String k : keys) {
                    ps.setBytes(i++, digests.get(k));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byKey.put(rs.getString(2), rs.getInt(1));
                        if (dim.named() && rs.getString(3).isEmpty() && !names.getOrDefault(rs.getString(2), "").isEmpty()) {
                            unnamed.add(rs.getString(2));
                        }
                    }
                }
            }
            nameUnnamed(c, dim, unnamed, names, digests);
            Map<String, Integer> ids = new HashMap<>();
            for (String raw : rawValues) {
                String value = clip(raw);
                Integer id = byKey.get(dim.named() ? Dimension.codeOf(value) : value);
                if (id == null) {
                    throw new IllegalStateException("lookup: no id for a value of " + dim.table() + " after insert");
                }
                ids.put(value, id);
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("lookup: cannot create ids in " + dim.table() + ": " + e.getMessage(), e);
        }
    }

    private static int utcToday() {
        return (int) Math.floorDiv(System.currentTimeMillis(), 86_400_000L);
    }

    /**
     * Gives rows created by a code alone (an import line without {@code region_name}) the name
     * that came now; rare, as it runs only for values no cache knew. An UPDATE of rows that exist,
     * by their unique key, rather than an upsert, so the insert's locking stays as it was.
     */
    private static void nameUnnamed(Connection c, Dimension dim, List<String> keys, Map<String, String> names,
                                    Map<String, byte[]> digests) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        String update = "UPDATE " + dim.table() + " SET name = ? WHERE value_hash = ? AND name = '' /* DimensionLookup.name */";
        try (PreparedStatement ps = c.prepareStatement(update)) {
            for (String k : keys) {
                ps.setString(1, names.get(k));
                ps.setBytes(2, digests.get(k));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** A region's or city's name as its column holds it (VARCHAR(200)). */
    private static String clipName(String name) {
        return name.length() <= MAX_NAME_CHARS ? name : name.substring(0, MAX_NAME_CHARS);
    }

    static String clip(String value) {
        return value.length() <= MAX_VALUE_CHARS ? value : value.substring(0, MAX_VALUE_CHARS);
    }

    /** MD5 of the UTF-8 value: a 16-byte unique key, not a security boundary. */
    static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("MD5").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }
}
