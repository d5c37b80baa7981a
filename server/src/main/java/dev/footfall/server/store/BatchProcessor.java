package dev.footfall.server.store;

import dev.footfall.server.cache.CacheKeys;
import dev.footfall.server.cache.StateStore;
import dev.footfall.server.event.Hit;
import dev.footfall.server.event.Outcome;
import dev.footfall.server.lookup.Dimension;
import dev.footfall.server.lookup.DimensionLookup;
import dev.footfall.server.lookup.HitIds;
import dev.footfall.server.rollup.RollupBatch;
import dev.footfall.server.rollup.RollupBooker;
import dev.footfall.server.session.Transition;
import dev.footfall.server.session.VisitTracker;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * One batch from hits to committed rows, in the order data flows: idempotency claims and its
 * visitors' locks (in the same Redis round trip as the visit state), dimension ids, visits and
 * rollup deltas, then one transaction. Visit state is saved only after the
 * commit; if the commit fails the idempotency claims are released so the client's retry is
 * stored, not mistaken for a duplicate. A spool batch stages its visitors' new state in Redis
 * just before the commit ({@link CacheKeys#staged}), so a server killed between the commit and
 * the save does not take that state with it: the next batch of those visitors continues from it
 * once {@code spool_marks} shows it committed.
 */
public final class BatchProcessor {
    private static final Logger LOG = Logger.getLogger(BatchProcessor.class.getName());
    static final int DEADLOCK_RETRIES = 3;

    private final StateStore state;
    private final DimensionLookup lookup;
    private final VisitTracker visits;
    private final EventStore store;

    public BatchProcessor(StateStore state, DimensionLookup lookup, VisitTracker visits, EventStore store) {
        this.state = state;
        this.lookup = lookup;
        this.visits = visits;
        this.store = store;
    }

    /** Stores the hits; returns one outcome per hit. Throws when nothing could be committed. */
    public List<Outcome> process(List<Hit> hits) throws SQLException {
        return process(hits, null, null);
    }

    /**
     * As {@link #process(List)}, for the spool's drainer: {@code mark} (the spool seq of the last of
     * these hits) commits in the same transaction, and each hit's idempotency claim carries its
     * spool record ({@code seqs}, one per hit) as token, so hits replayed after a crash before that
     * commit are claimed again, whatever batch they are replayed in, not dropped as duplicates of
     * themselves.
     */
    public List<Outcome> process(List<Hit> hits, SpoolMark mark, List<Long> seqs) throws SQLException {
        Outcome[] outcomes = new Outcome[hits.size()];
        List<String> keys = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        List<Integer> keyPositions = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            Hit hit = hits.get(i);
            if (hit.eventId() != null && !hit.eventId().isEmpty()) {
                keys.add(CacheKeys.idempotency(hit.site().id(), hit.eventId()));
                keyPositions.add(i);
                if (mark != null) {
                    tokens.add(new SpoolMark(mark.spoolId(), seqs.get(i)).token());
                }
            }
        }
        Set<String> lockKeys = VisitTracker.lockKeys(hits);
        Set<String> readKeys = stateKeys(hits);
        lockKeys.forEach(lock -> readKeys.add(CacheKeys.staged(lock)));
        StateStore.ClaimedState claimedState = state.claimAndGet(keys, mark == null ? null : tokens, CacheKeys.IDEMPOTENCY_TTL,
                readKeys, lockKeys);
        List<String> claimed = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            if (claimedState.claimed()[k]) {
                claimed.add(keys.get(k));
            } else {
                outcomes[keyPositions.get(k)] = new Outcome.Ignored("duplicate");
            }
        }
        try {
            List<Hit> fresh = new ArrayList<>();
            List<Integer> positions = new ArrayList<>();
            for (int i = 0; i < hits.size(); i++) {
                if (outcomes[i] == null) {
                    fresh.add(hits.get(i));
                    positions.add(i);
                }
            }
            storeFresh(fresh, positions, outcomes, claimedState, mark);
            return Arrays.asList(outcomes);
        } catch (SQLException | RuntimeException e) {
            state.release(claimedState.locks(), claimedState.values());
            state.deleteAll(claimed);
            throw e;
        }
    }

    /**
     * {@code loaded}: the visit state read with the claims, used by the first attempt (a retry reads
     * it again), and the visitor locks held until the state is saved.
     */
    private void storeFresh(List<Hit> fresh, List<Integer> positions, Outcome[] outcomes, StateStore.ClaimedState loaded,
                            SpoolMark mark) throws SQLException {
        if (fresh.isEmpty()) {
            if (mark != null) {
                store.write(List.of(), List.of(), new RollupBatch(), mark);
            }
            state.release(loaded.locks(), loaded.values());
            return;
        }
        Map<Dimension, Set<String>> wanted = new EnumMap<>(Dimension.class);
        fresh.forEach(hit -> HitIds.collect(hit, wanted));
        Map<Dimension, Map<String, Integer>> ids = lookup.resolve(wanted);
        List<HitIds> hitIds = fresh.stream().map(hit -> HitIds.of(hit, ids)).toList();
        Map<String, Map.Entry<String, Duration>> recovered = recover(loaded.values());

        for (int attempt = 1; ; attempt++) {
            Map<String, String> read = attempt == 1 ? loaded.values() : state.getAll(stateKeys(fresh));
            Map<String, String> current = recovered.isEmpty() ? read : withRecovered(read, recovered);
            VisitTracker.Visits tracked = visits.track(fresh, hitIds, current);
            RollupBooker.Booked booked = RollupBooker.book(tracked.transitions(), current);
            List<EventStore.Row> rows = new ArrayList<>();
            for (int i = 0; i < fresh.size(); i++) {
                if (tracked.ignored(i)) {
                    outcomes[positions.get(i)] = new Outcome.Ignored("no open visit");
                } else {
                    Transition t = tracked.transitions().get(i);
                    rows.add(new EventStore.Row(t.hit(), t.ids(), t.after().visitId(), t.visitorId()));
                    outcomes[positions.get(i)] = Outcome.ACCEPTED;
                }
            }
            Map<Duration, Map<String, String>> save = toSave(recovered, tracked.states(), booked.seenStates());
            try {
                if (mark != null && !state.stage(save, loaded.locks(), mark.token())) {
                    throw new StateStore.LockLost("redis: a visitor lock of the batch up to seq " + mark.seq()
                            + " expired before its commit; the batch runs again");
                }
                store.write(rows, tracked.visits().values(), booked.rollups(), mark);
                state.putAll(save, loaded.locks());
                return;
            } catch (SQLException e) {
                if (attempt >= DEADLOCK_RETRIES || !retryable(e)) {
                    throw e;
                }
                LOG.info(() -> "store: batch of " + rows.size() + " rolled back (" + e.getMessage() + "), retrying");
            }
        }
    }

    /**
     * The state staged by batches that were killed between their commit and their save (see
     * {@link CacheKeys#staged}) and did commit: their spool's mark in MySQL reached their seq. Key →
     * value and TTL. A staged state whose batch did not commit is ignored; the saved one is right.
     */
    private Map<String, Map.Entry<String, Duration>> recover(Map<String, String> loaded) throws SQLException {
        Map<String, Map.Entry<String, Duration>> recovered = new HashMap<>();
        Map<String, Long> committed = new HashMap<>();
        for (Map.Entry<String, String> entry : loaded.entrySet()) {
            if (!CacheKeys.isStaged(entry.getKey())) {
                continue;
            }
            StateStore.Staged staged = StateStore.Staged.parse(entry.getValue());
            SpoolMark stagedBy = SpoolMark.ofToken(staged.token());
            Long mark = committed.get(stagedBy.spoolId());
            if (mark == null) {
                mark = store.committedSeq(stagedBy.spoolId());
                committed.put(stagedBy.spoolId(), mark);
            }
            if (mark >= stagedBy.seq()) {
                LOG.info(() -> "store: continuing " + entry.getKey() + " from the state its committed batch " + staged.token()
                        + " staged (its server stopped before saving it)");
                recovered.putAll(staged.values());
            }
        }
        return recovered;
    }

    /** The state read with the recovered values over it (the staged keys themselves are never looked up). */
    private static Map<String, String> withRecovered(Map<String, String> read, Map<String, Map.Entry<String, Duration>> recovered) {
        Map<String, String> current = new HashMap<>(read);
        recovered.forEach((key, value) -> current.put(key, value.getKey()));
        return current;
    }

    /** What a batch saves: the recovered state under the batch's own new values, grouped by TTL. */
    private static Map<Duration, Map<String, String>> toSave(Map<String, Map.Entry<String, Duration>> recovered,
                                                             Map<String, String> visits, Map<String, String> seen) {
        if (recovered.isEmpty()) {
            return Map.of(CacheKeys.VISIT_TTL, visits, CacheKeys.SEEN_TTL, seen);
        }
        Map<String, Map.Entry<String, Duration>> all = new HashMap<>(recovered);
        visits.forEach((key, value) -> all.put(key, Map.entry(value, CacheKeys.VISIT_TTL)));
        seen.forEach((key, value) -> all.put(key, Map.entry(value, CacheKeys.SEEN_TTL)));
        Map<Duration, Map<String, String>> save = new HashMap<>();
        all.forEach((key, value) -> save.computeIfAbsent(value.getValue(), ttl -> new HashMap<>()).put(key, value.getKey()));
        return save;
    }

    /** The visit state and seen sets a batch reads, in one round trip with the idempotency claims. */
    private static Set<String> stateKeys(List<Hit> hits) {
        Set<String> keys = new HashSet<>(VisitTracker.stateKeys(hits));
        keys.addAll(RollupBooker.stateKeys(hits));
        return keys;
    }

    /** Deadlocks and lock wait timeouts: the transaction was rolled back and can simply run again. */
    static boolean retryable(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || e.getErrorCode() == 1213 || e.getErrorCode() == 1205;
    }
}
