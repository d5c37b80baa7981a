package dev.footfall.server.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisNoScriptException;
import org.redisson.client.codec.StringCodec;

/**
 * A Lua script sent by its SHA-1 ({@code EVALSHA}) instead of its text. Redisson's script cache
 * does not apply inside a batch, so every pipelined {@code EVAL} carried the whole text and Redis
 * hashed it again, several times per drained event. A Redis that restarted or failed over has lost
 * its script cache and answers {@code NOSCRIPT}: {@link #isMissing} recognises that, and
 * {@link #loadAll} loads the scripts again (on every master of a Cluster) before the batch is sent
 * once more.
 */
record LuaScript(String text, String sha) {
    static LuaScript of(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return new LuaScript(text, HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("redis: no SHA-1 for script digests", e);
        }
    }

    /** Queues the script on {@code key}'s shard: by its digest when {@code bySha}, else with its text. */
    void queue(RBatch batch, boolean bySha, String key, RScript.ReturnType type, List<Object> keys, Object... args) {
        if (bySha) {
            batch.getScript(StringCodec.INSTANCE).evalShaAsync(key, RScript.Mode.READ_WRITE, sha, type, keys, args);
        } else {
            batch.getScript(StringCodec.INSTANCE).evalAsync(key, RScript.Mode.READ_WRITE, text, type, keys, args);
        }
    }

    /** True when {@code e} (or a cause) is Redis's {@code NOSCRIPT}: the server does not know a digest. */
    static boolean isMissing(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RedisNoScriptException || t.getMessage() != null && t.getMessage().contains("NOSCRIPT")) {
                return true;
            }
        }
        return false;
    }

    /** Loads {@code scripts} into the script cache of every master. */
    static void loadAll(RedissonClient redis, List<LuaScript> scripts) {
        for (LuaScript s : scripts) {
            redis.getScript(StringCodec.INSTANCE).scriptLoad(s.text());
        }
    }
}
