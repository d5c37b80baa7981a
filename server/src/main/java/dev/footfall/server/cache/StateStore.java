package dev.footfall.server.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.client.codec.StringCodec;

/**
 * Short-lived shared state (open visits, per-day seen sets, idempotency keys) as strings with
 * a TTL. Redis holds it so every server instance sees the same visits; each batch costs one
 * pipelined claim-and-read and one pipelined write, whatever its size. While Redis is down the state
 * lives in an in-process map instead: ingestion goes on, and only a visitor whose requests
 * alternate between instances during the outage is split into two visits.
 *
 * <p>Two servers draining the same visitor's events at once would both read "no visit" and both
 * create one. So a batch also locks its visitors ({@link CacheKeys#visitorLock}) in the same
 * pipeline as its claims and reads, and {@link #putAll} saves each visitor's state and releases its
 * lock in one script after the commit: the read-commit-save of a visitor is one server's at a time,
 * and the second server reads the first one's visit and continues it. When a lock is held
 * elsewhere the batch tries again for the missing ones after a short random pause, wait-die
 * style: a lock token starts with the time of the batch's first attempt, and a batch that finds
 * an older batch holding one of its visitors releases all its locks first, so two batches never
 * wait on each other and the oldest one always gets through (all or none starved hot visitors'
 * batches under three servers: 537 locks still missing after 5 s). That costs nothing while
 * visitors do not collide. A lock left by a killed server expires after
 * {@link CacheKeys#VISITOR_LOCK_TTL}; a batch still without all its locks after twice that (a
 * spool batch: after {@link #SPOOL_LOCK_PATIENCE}) goes on with the ones it has (logged).
 */
public final class StateStore {
    private static final Logger LOG = Logger.getLogger(StateStore.class.getName());
    /**
     * Saves a visitor's keys (KEYS[3..], a value and a TTL each in ARGV), drops its staged state
     * (KEYS[2]) and releases its lock (KEYS[1]) if this batch (ARGV[1]) still holds it, or nobody does.
     */
    private static final String SAVE_AND_UNLOCK = """
            local holder = redis.call('get', KEYS[1])
            if holder and holder ~= ARGV[1] then return 0 end
            for i = 3, #KEYS do redis.call('set', KEYS[i], ARGV[2 * i - 4], 'px', ARGV[2 * i - 3]) end
            redis.call('del', KEYS[2])
            if holder then redis.call('del', KEYS[1]) end
            return 1""";
    /**
     * Takes a visitor's lock if free (KEYS[1], owner ARGV[1], TTL ARGV[2] ms) and reads it back
     * with the visitor's other keys, on their shard: one command instead of two per lock and one
     * per key. Missing keys come back as nil.
     */
    private static final String LOCK_AND_READ = """
            redis.call('set', KEYS[1], ARGV[1], 'nx', 'px', ARGV[2])
            local values = {}
            for i = 1, #KEYS do values[i] = redis.call('get', KEYS[i]) end
            return values""";
    /** Claims KEYS[1] with token ARGV[1] (TTL ARGV[2] ms): 1 if it was free or already held this token. */
    private static final String CLAIM = """
            local held = redis.call('get', KEYS[1])
            if not held then
              redis.call('set', KEYS[1], ARGV[1], 'px', ARGV[2])
              return 1
            end
            if held == ARGV[1] then return 1 end
            return 0""";
    private static final String UNLOCK = """
            if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
            return 0""";
    /**
     * A spool batch just before its commit: only while it still holds the visitor's lock (KEYS[1],
     * owner ARGV[1]) renews it (ARGV[3] ms) and stages the visitor's new state (KEYS[2], ARGV[2], TTL
     * ARGV[4] ms; empty: nothing to stage). 0 when the lock expired or went to another batch, which
     * may have read and saved this visitor since: the batch must not commit what it computed.
     */
    private static final String CHECK_AND_STAGE = """
            if redis.call('get', KEYS[1]) ~= ARGV[1] then return 0 end
            redis.call('pexpire', KEYS[1], ARGV[3])
            if ARGV[2] ~= '' then redis.call('set', KEYS[2], ARGV[2], 'px', ARGV[4]) end
            return 1""";
    /**
     * As {@link #UNLOCK}, putting the visitor's staged state (KEYS[2]) back as the batch found it
     * (ARGV[2], empty for none, TTL ARGV[3] ms): the batch did not commit what it staged.
     */
    private static final String RESTAGE_AND_UNLOCK = """
            if redis.call('get', KEYS[1]) == ARGV[1] then
              if ARGV[2] == '' then redis.call('del', KEYS[2]) else redis.call('set', KEYS[2], ARGV[2], 'px', ARGV[3]) end
              return redis.call('del', KEYS[1])
            end
            return 0""";
    /**
     * How long a spool batch waits for its visitors' locks before going on without them. Its
     * events are acknowledged already, so waiting costs drain latency only, while going on
     * without a lock races another server on that visitor's state and splits its visit (three
     * servers on 300 hot visitors, each batch holding nearly all of them, gave up after 10 s in
     * the first seconds after start; the splits there ended only with the lock check in
     * {@link #stage} as well). Wait-die lets the oldest batch through, so a longer wait ends; a
     * killed server's locks expire after {@link CacheKeys#VISITOR_LOCK_TTL}.
     */
    static final Duration SPOOL_LOCK_PATIENCE = Duration.ofSeconds(60);
    /** Longest pause between two attempts at a batch's locks. */
    private static final int MAX_LOCK_PAUSE_MS = 40;

    private final RedisGuard guard;
    /** Prefix of this instance's lock owner tokens; the counter makes each batch's token unique. */
    private final String instance = Long.toHexString(ThreadLocalRandom.current().nextLong());
    private final AtomicLong batches = new AtomicLong();
    /** Batches that found a visitor locked by another batch, since start ({@code footfall_visitor_lock_waits_total}). */
    private final AtomicLong lockWaits = new AtomicLong();
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

    /**
     * How long a spool batch (whose claims carry tokens, so it can simply run again) waits for Redis
     * before using in-process state: a Cluster or Sentinel failover promotes a replica within
     * seconds, and waiting it out keeps every visitor in one visit, while in-process state on three
     * servers split 785 of 878 hot visitors in a failover of 6 s. The events are acknowledged
     * already; only their drain into MySQL waits.
     */
    public static final Duration FAILOVER_GRACE = Duration.ofSeconds(15);

    /** A batch deferred while Redis fails over: the spool's drainer retries it with back-off. */
    public static final class RedisFailingOver extends IllegalStateException {
        RedisFailingOver(String message) {
            super(message);
        }
    }

    private final long failoverGraceMs;

    public StateStore(RedisGuard guard) {
        this(guard, FAILOVER_GRACE);
    }

    StateStore(RedisGuard guard, Duration failoverGrace) {
        this.guard = guard;
        this.failoverGraceMs = failoverGrace.toMillis();
    }

    /** Values of the keys that exist. */
    public Map<String, String> getAll(Collection<String> keys) {
        return claim(List.of(), null, Duration.ZERO, keys).values();
    }

    /**
     * The outcome of {@link #claimAndGet}: true at index i when claim key i was newly claimed; values
     * of the read keys that exist; the visitor locks taken, to hand to {@link #putAll} or {@link #release}.
     */
    public record ClaimedState(boolean[] claimed, Map<String, String> values, Locks locks) {
    }

    /** Visitor locks one batch holds: its owner token and the lock keys. Empty when Redis is not used. */
    public record Locks(String owner, Set<String> keys) {
        public static final Locks NONE = new Locks("", Set.of());

        public Locks {
            keys = Set.copyOf(keys);
        }
    }

    /**
     * Sets each of {@code claimKeys} if absent (with {@code ttl}), takes {@code lockKeys} and reads
     * {@code readKeys}, in one pipelined round trip while no other batch holds these visitors: a
     * batch's idempotency claims, its locks and its visit state cost one call. With {@code tokens}
     * each key is claimed with its token, and a key that already holds the same token counts as
     * claimed, so an event replayed after a crash (the spool's, whose token names its record) is
     * not mistaken for a duplicate of itself; with {@code tokens} null any earlier claim is a
     * duplicate. The values are read after the locks were taken; the claims are made once,
     * whatever the number of attempts at the locks.
     */
    public ClaimedState claimAndGet(List<String> claimKeys, List<String> tokens, Duration ttl, Collection<String> readKeys,
                                    Collection<String> lockKeys) {
        if (lockKeys.isEmpty()) {
            return claim(claimKeys, tokens, ttl, readKeys);
        }
        if (tokens != null && guard.open() && guard.unavailableMs() < failoverGraceMs) {
            throw new RedisFailingOver("redis: unavailable for " + guard.unavailableMs() + " ms; the batch waits up to "
                    + failoverGraceMs + " ms for a failover before using in-process state");
        }
        // Wait-die: the token starts with the batch's first attempt time, so tokens order batches by age.
        String owner = String.format(Locale.ROOT, "%013d:%s:%d", System.currentTimeMillis(), instance, batches.incrementAndGet());
        List<String> locks = List.copyOf(lockKeys);
        Duration patience = tokens != null ? SPOOL_LOCK_PATIENCE : CacheKeys.VISITOR_LOCK_TTL.multipliedBy(2);
        long deadline = System.nanoTime() + patience.toNanos();
        Optional<Locked> first = guard.call("lock and read state", () -> lockAndRead(locks, owner, claimKeys, tokens, ttl, readKeys));
        if (first.isEmpty()) {
            deferDuringFailover(tokens, owner, locks);
            return claim(claimKeys, tokens, ttl, readKeys);
        }
        boolean[] claimed = first.get().claimed();
        Locked attempt = first.get();
        Set<String> held = new HashSet<>(attempt.held());
        for (int round = 1; held.size() < locks.size(); round++) {
            if (System.nanoTime() > deadline) {
                int missing = locks.size() - held.size();
                LOG.warning(() -> "redis: " + missing + " visitor locks still held elsewhere after "
                        + patience.toSeconds() + " s; going on without them");
                break;
            }
            if (round == 1) {
                lockWaits.incrementAndGet();
            }
            if (attempt.holders().stream().anyMatch(holder -> holder.compareTo(owner) < 0)) {
                unlock(new Locks(owner, held), null);
                held.clear();
            }
            pause(round);
            List<String> missing = locks.stream().filter(lock -> !held.contains(lock)).toList();
            Optional<Locked> again = guard.call("lock and read state", () -> lockAndRead(missing, owner, List.of(), null, ttl, readKeys));
            if (again.isEmpty()) {
                deferDuringFailover(tokens, owner, locks);
                return new ClaimedState(claimed, claim(List.of(), null, ttl, readKeys).values(), Locks.NONE);
            }
            attempt = again.get();
            held.addAll(attempt.held());
        }
        return new ClaimedState(claimed, attempt.values(), new Locks(owner, held));
    }

    /**
     * A spool batch whose pipeline just failed, within the failover grace: the locks it may have
     * taken on the shards that did answer are released (straight, not through the breaker that
     * has just opened), and the batch is handed back to the drainer to run again.
     */
    private void deferDuringFailover(List<String> tokens, String owner, List<String> locks) {
        if (tokens == null || guard.unavailableMs() >= failoverGraceMs) {
            return;
        }
        try {
            RBatch batch = guard.client().createBatch();
            for (String lock : locks) {
                batch.getScript(StringCodec.INSTANCE).evalAsync(lock, RScript.Mode.READ_WRITE, UNLOCK, RScript.ReturnType.INTEGER,
                        List.of(lock), owner);
            }
            batch.execute();
        } catch (RuntimeException partlyUnreachable) {
            // The unreachable shard's locks expire with their TTL.
        }
        throw new RedisFailingOver("redis: a state call failed; the batch waits up to " + failoverGraceMs
                + " ms for a failover before using in-process state");
    }

    /** Batches that found one of their visitors locked by another batch since start. */
    public long lockWaits() {
        return lockWaits.get();
    }

    /** One attempt: the locks it took, the tokens of the other batches holding the rest, the claims and values. */
    private record Locked(Set<String> held, List<String> holders, boolean[] claimed, Map<String, String> values) {
    }

    /**
     * One pipeline: per lock one script that takes it if free and reads it back with the
     * visitor's keys (they share its hash tag, so its shard), then the claims and the other reads.
     */
    private Locked lockAndRead(List<String> locks, String owner, List<String> claimKeys, List<String> tokens, Duration ttl,
                               Collection<String> readKeys) {
        Map<String, List<String>> visitorKeys = new HashMap<>();
        for (String lock : locks) {
            visitorKeys.put(tag(lock), new ArrayList<>(List.of(lock)));
        }
        List<String> others = new ArrayList<>();
        for (String key : readKeys) {
            List<String> group = visitorKeys.get(tag(key));
            if (group != null) {
                group.add(key);
            } else {
                others.add(key);
            }
        }
        RBatch batch = guard.client().createBatch();
        String lockTtlMs = String.valueOf(CacheKeys.VISITOR_LOCK_TTL.toMillis());
        for (String lock : locks) {
            batch.getScript(StringCodec.INSTANCE).evalAsync(lock, RScript.Mode.READ_WRITE, LOCK_AND_READ, RScript.ReturnType.MULTI,
                    List.<Object>copyOf(visitorKeys.get(tag(lock))), owner, lockTtlMs);
        }
        queueClaimsAndReads(batch, claimKeys, tokens, ttl, others);
        List<?> responses = batch.execute().getResponses();
        Set<String> held = new HashSet<>();
        List<String> holders = new ArrayList<>();
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < locks.size(); i++) {
            List<?> read = (List<?>) responses.get(i);
            List<String> keys = visitorKeys.get(tag(locks.get(i)));
            Object holder = read.isEmpty() ? null : read.getFirst();
            if (owner.equals(holder)) {
                held.add(locks.get(i));
            } else if (holder != null) {
                holders.add((String) holder);
            }
            for (int k = 1; k < keys.size() && k < read.size(); k++) {
                if (read.get(k) != null) {
                    values.put(keys.get(k), (String) read.get(k));
                }
            }
        }
        boolean[] claimed = new boolean[claimKeys.size()];
        values.putAll(readClaimsAndReads(responses.subList(locks.size(), responses.size()), claimKeys, tokens, others, claimed));
        return new Locked(held, holders, claimed, values);
    }

    /** A random pause growing with the round, so two batches that collided do not collide again. */
    private static void pause(int round) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, Math.min(MAX_LOCK_PAUSE_MS, 2 << Math.min(round, 5)) + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Claims and reads without locks. {@code tokens} null: a plain set-if-absent of "1" per key, one
     * command each; else the {@link #CLAIM} script, which takes a free key or accepts its own token.
     */
    private ClaimedState claim(List<String> claimKeys, List<String> tokens, Duration ttl, Collection<String> readKeys) {
        boolean[] claimed = new boolean[claimKeys.size()];
        if (claimKeys.isEmpty() && readKeys.isEmpty()) {
            return new ClaimedState(claimed, Map.of(), Locks.NONE);
        }
        List<String> ordered = new ArrayList<>(readKeys);
        return guard.call("claim and read state", () -> {
            RBatch batch = guard.client().createBatch();
            queueClaimsAndReads(batch, claimKeys, tokens, ttl, ordered);
            Map<String, String> values = readClaimsAndReads(batch.execute().getResponses(), claimKeys, tokens, ordered, claimed);
            return new ClaimedState(claimed, values, Locks.NONE);
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
            return new ClaimedState(claimed, values, Locks.NONE);
        });
    }

    /** One command per claim (a set-if-absent, or with {@code tokens} the {@link #CLAIM} script) and per read. */
    private static void queueClaimsAndReads(RBatch batch, List<String> claimKeys, List<String> tokens, Duration ttl, List<String> readKeys) {
        String ttlMs = String.valueOf(ttl.toMillis());
        for (int i = 0; i < claimKeys.size(); i++) {
            if (tokens == null) {
                batch.<String>getBucket(claimKeys.get(i), StringCodec.INSTANCE).setIfAbsentAsync("1", ttl);
            } else {
                batch.getScript(StringCodec.INSTANCE).evalAsync(claimKeys.get(i), RScript.Mode.READ_WRITE, CLAIM, RScript.ReturnType.INTEGER,
                        List.of(claimKeys.get(i)), tokens.get(i), ttlMs);
            }
        }
        for (String key : readKeys) {
            batch.<String>getBucket(key, StringCodec.INSTANCE).getAsync();
        }
    }

    /** Fills {@code claimed} from the claims' answers; the values of the read keys that exist. */
    private static Map<String, String> readClaimsAndReads(List<?> responses, List<String> claimKeys, List<String> tokens,
                                                          List<String> readKeys, boolean[] claimed) {
        for (int i = 0; i < claimKeys.size(); i++) {
            Object answer = responses.get(i);
            claimed[i] = Boolean.TRUE.equals(answer) || answer instanceof Long one && one == 1L;
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < readKeys.size(); i++) {
            Object value = responses.get(claimKeys.size() + i);
            if (value != null) {
                values.put(readKeys.get(i), (String) value);
            }
        }
        return values;
    }

    /** Writes all values with one TTL each: a map of TTL → (key → value). */
    public void putAll(Map<Duration, Map<String, String>> valuesByTtl) {
        putAll(valuesByTtl, Locks.NONE);
    }

    /**
     * As {@link #putAll(Map)}, releasing {@code locks}: the keys of a locked visitor are written by
     * one script that also deletes the lock, and only while this batch holds it (a batch that
     * outlived its lock leaves the state to the batch that took the lock over).
     */
    public void putAll(Map<Duration, Map<String, String>> valuesByTtl, Locks locks) {
        Map<String, List<String[]>> byLock = new HashMap<>();
        locks.keys().forEach(lock -> byLock.put(tag(lock), new ArrayList<>()));
        boolean written = guard.call("write state", () -> {
            RBatch batch = guard.client().createBatch();
            Set<String> unlockedVisitors = new HashSet<>();
            valuesByTtl.forEach((ttl, values) -> values.forEach((key, value) -> {
                List<String[]> group = byLock.get(tag(key));
                if (group != null) {
                    group.add(new String[] {key, value, String.valueOf(ttl.toMillis())});
                } else {
                    batch.<String>getBucket(key, StringCodec.INSTANCE).setAsync(value, ttl);
                    if (!tag(key).equals(key)) {
                        unlockedVisitors.add(tag(key));
                    }
                }
            }));
            // A visitor saved without its lock: a state staged earlier is older than this one.
            unlockedVisitors.forEach(visitor -> batch.getBucket(CacheKeys.stagedOfTag(visitor), StringCodec.INSTANCE).deleteAsync());
            for (String lock : locks.keys()) {
                List<String[]> group = byLock.get(tag(lock));
                List<Object> keys = new ArrayList<>(group.size() + 2);
                List<Object> args = new ArrayList<>(2 * group.size() + 1);
                keys.add(lock);
                keys.add(CacheKeys.staged(lock));
                args.add(locks.owner());
                for (String[] entry : group) {
                    keys.add(entry[0]);
                    args.add(entry[1]);
                    args.add(entry[2]);
                }
                batch.getScript(StringCodec.INSTANCE).evalAsync(lock, RScript.Mode.READ_WRITE, SAVE_AND_UNLOCK, RScript.ReturnType.INTEGER,
                        keys, args.toArray());
            }
            batch.execute();
            return true;
        }).orElse(false);
        if (!written) {
            valuesByTtl.forEach((ttl, values) -> values.forEach((key, value) -> local.put(key, new Entry(value, ttl))));
        }
    }

    /**
     * Stages the new values of each visitor this batch holds under {@link CacheKeys#staged} with
     * {@code token} (its spool id and seq), in one pipelined round trip just before its commit, so
     * that a server killed between that commit and {@link #putAll} does not take the visitor's
     * state with it. In the same script it checks that the batch still holds each lock and renews
     * it: false when one was lost (a batch slower than the lock's TTL), and then the batch must not
     * commit. Best effort otherwise: without Redis there is nothing to stage into, and true.
     */
    public boolean stage(Map<Duration, Map<String, String>> valuesByTtl, Locks locks, String token) {
        if (locks.keys().isEmpty()) {
            return true;
        }
        Map<String, StringBuilder> byVisitor = new HashMap<>();
        locks.keys().forEach(lock -> byVisitor.put(tag(lock), new StringBuilder(token)));
        valuesByTtl.forEach((ttl, values) -> values.forEach((key, value) -> {
            StringBuilder staged = byVisitor.get(tag(key));
            if (staged != null) {
                staged.append('\n').append(key).append('\n').append(ttl.toMillis()).append('\n').append(value);
            }
        }));
        String lockTtlMs = String.valueOf(CacheKeys.VISITOR_LOCK_TTL.toMillis());
        String stagedTtlMs = String.valueOf(CacheKeys.STAGED_TTL.toMillis());
        return guard.call("stage state", () -> {
            RBatch batch = guard.client().createBatch();
            for (String lock : locks.keys()) {
                StringBuilder staged = byVisitor.get(tag(lock));
                String text = staged.length() == token.length() ? "" : staged.toString();
                batch.getScript(StringCodec.INSTANCE).evalAsync(lock, RScript.Mode.READ_WRITE, CHECK_AND_STAGE, RScript.ReturnType.INTEGER,
                        List.of(lock, CacheKeys.staged(lock)), locks.owner(), text, lockTtlMs, stagedTtlMs);
            }
            return batch.execute().getResponses().stream().allMatch(held -> held instanceof Long one && one == 1L);
        }).orElse(true);
    }

    /** A spool batch that lost one of its visitor locks before its commit: the drainer runs it again. */
    public static final class LockLost extends IllegalStateException {
        public LockLost(String message) {
            super(message);
        }
    }

    /** A visitor's state as {@link #stage} wrote it: the batch's token and key → value with its TTL. */
    public record Staged(String token, Map<String, Map.Entry<String, Duration>> values) {
        public static Staged parse(String text) {
            String[] lines = text.split("\n", -1);
            Map<String, Map.Entry<String, Duration>> values = new HashMap<>();
            for (int i = 1; i + 2 < lines.length; i += 3) {
                values.put(lines[i], Map.entry(lines[i + 2], Duration.ofMillis(Long.parseLong(lines[i + 1]))));
            }
            return new Staged(lines[0], values);
        }
    }

    /**
     * Releases locks without writing (a batch whose commit failed, or that had nothing to save), and
     * puts each visitor's staged state back as the batch read it ({@code read}, by key): what the
     * batch staged never committed, and what a killed batch before it staged must stay.
     */
    public void release(Locks locks, Map<String, String> read) {
        unlock(locks, read);
    }

    /** Releases locks; with {@code restage} not null puts the staged states back as in it (see {@link #release}). */
    private void unlock(Locks locks, Map<String, String> restage) {
        if (locks.keys().isEmpty()) {
            return;
        }
        String ttlMs = String.valueOf(CacheKeys.STAGED_TTL.toMillis());
        guard.call("release locks", () -> {
            RBatch batch = guard.client().createBatch();
            for (String lock : locks.keys()) {
                String staged = CacheKeys.staged(lock);
                if (restage == null) {
                    batch.getScript(StringCodec.INSTANCE).evalAsync(lock, RScript.Mode.READ_WRITE, UNLOCK, RScript.ReturnType.INTEGER,
                            List.of(lock), locks.owner());
                } else {
                    batch.getScript(StringCodec.INSTANCE).evalAsync(lock, RScript.Mode.READ_WRITE, RESTAGE_AND_UNLOCK,
                            RScript.ReturnType.INTEGER, List.of(lock, staged), locks.owner(), restage.getOrDefault(staged, ""), ttlMs);
                }
            }
            batch.execute();
            return true;
        });
    }

    /** The hash tag of a key ({@code {site:visitor}}), or the key itself when it has none. */
    static String tag(String key) {
        int open = key.indexOf('{');
        int close = open < 0 ? -1 : key.indexOf('}', open + 1);
        return close > open + 1 ? key.substring(open + 1, close) : key;
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
