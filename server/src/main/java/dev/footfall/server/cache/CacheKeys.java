package dev.footfall.server.cache;

import java.time.Duration;

/**
 * Every Redis key family and TTL Footfall uses, in one place. All keys start with {@code ff:}
 * so an operator can see Footfall's share of a shared Redis at a glance. None of them is needed
 * to keep stored analytics: losing Redis loses caches and open-visit state only.
 *
 * <p>A visitor's keys (open visit, seen sets, lock) carry the hash tag {@code {site:visitor}}, so
 * on a Redis Cluster they sit in one slot and the script that saves them and releases the lock
 * ({@link StateStore#putAll}) is one atomic command on one shard. Every other key is read or
 * written one command per key (a pipeline, which Redisson splits per shard), so it needs no tag.
 * Keys written before the tags existed ({@code ff:v:site:visitor}, {@code ff:d:site:visitor:day})
 * are renamed once at start-up by {@link KeyMigration}.
 */
public final class CacheKeys {
    private CacheKeys() {
    }

    /**
     * Hash per dimension table and UTC day: natural value → id. Ids never change; the daily key
     * and its TTL only bound memory to the values in use, so Redis can run with noeviction.
     */
    public static String dimension(String table, int utcDay) {
        return "ff:dim:" + table + ":" + utcDay;
    }

    public static final Duration DIMENSION_TTL = Duration.ofDays(2);

    /** Open visit of a visitor: idle expiry of a visit. */
    public static final Duration VISIT_TTL = Duration.ofMinutes(30);

    public static String visit(int siteId, long visitorId) {
        return "ff:v:" + visitorTag(siteId, visitorId);
    }

    /** The hash tag every key of one visitor carries. */
    static String visitorTag(int siteId, long visitorId) {
        return "{" + siteId + ":" + visitorId + "}";
    }

    /**
     * Lock on a visitor's state while one server's batch reads, commits and saves it, so two
     * servers draining the same visitor's events take turns and agree on one visit. Its TTL bounds
     * how long a killed server's locks hold others up; a batch that takes longer loses its lock
     * (logged), and is then back to last-writer-wins for that visitor.
     */
    public static String visitorLock(int siteId, long visitorId) {
        return "ff:lock:" + visitorTag(siteId, visitorId);
    }

    public static final Duration VISITOR_LOCK_TTL = Duration.ofSeconds(15);

    /**
     * A visitor's new state as one spool batch computed it, written just before that batch's
     * commit with the batch's spool id and seq, and deleted when the state itself is saved. A
     * server killed between the two leaves it behind: the next batch of that visitor finds it,
     * asks MySQL whether that spool's mark reached the seq, and continues from the staged state if
     * so (else the batch never committed, and the saved state is the right one).
     */
    public static String staged(String visitorLock) {
        return STAGED_PREFIX + visitorLock.substring(visitorLock.indexOf('{'));
    }

    static String stagedOfTag(String tag) {
        return STAGED_PREFIX + "{" + tag + "}";
    }

    public static boolean isStaged(String key) {
        return key.startsWith(STAGED_PREFIX);
    }

    private static final String STAGED_PREFIX = "ff:stage:";

    /** As long as the longest state it stages (the seen sets'). */
    public static final Duration STAGED_TTL = Duration.ofHours(50);

    /** Dimension values a visitor was already counted for on one site-local day. */
    public static final Duration SEEN_TTL = Duration.ofHours(50);

    public static String seen(int siteId, long visitorId, int localDay) {
        return "ff:d:" + visitorTag(siteId, visitorId) + ":" + localDay;
    }

    /** Idempotency: an event id already stored. A tracker retries for minutes, a day is ample. */
    public static final Duration IDEMPOTENCY_TTL = Duration.ofHours(24);

    public static String idempotency(int siteId, String eventId) {
        return "ff:idem:" + siteId + ":" + eventId;
    }

    /** Rate limit window per (hashed) client address and second. */
    public static final Duration RATE_WINDOW_TTL = Duration.ofSeconds(3);

    public static String rateWindow(long clientHash, long epochSecond) {
        return "ff:rl:" + Long.toHexString(clientHash) + ":" + epochSecond;
    }

    /** Realtime: last-seen time per visitor, scored sorted set per site. */
    public static String live(int siteId) {
        return "ff:live:" + siteId;
    }
}
