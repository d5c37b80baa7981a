package dev.footfall.server.query;

import dev.footfall.model.stats.Filter;
import dev.footfall.server.goal.Goal;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Funnel steps by brute force over {@link RawTruth}'s events, from the rule alone (README,
 * "Funnels"): a visit reaches step n when some events of it in the range, in strictly increasing
 * (time, id) order, convert the goals of steps 1..n one each ({@link GoalTruth#converts}); that is
 * searched for directly, over every choice of events, not by the report's one pass. A visitor
 * reaches a step when one of their visits does. Revenue is the earliest such choice's, step by
 * step: the first converting event after the previous step's.
 */
final class FunnelTruth {
    /** Visitors per step and, per step, the revenue per currency. */
    record Steps(long[] visitors, List<Map<String, BigDecimal>> revenue) {
    }

    private final RawTruth truth;

    FunnelTruth(RawTruth truth) {
        this.truth = truth;
    }

    Steps steps(List<Goal> goals, List<Filter> filters, LocalDate from, LocalDate to) {
        long fromMs = from.atStartOfDay(truth.zone()).toInstant().toEpochMilli();
        long toMs = to.plusDays(1).atStartOfDay(truth.zone()).toInstant().toEpochMilli();
        Map<Long, List<RawTruth.Event>> byVisit = new HashMap<>();
        for (RawTruth.Event e : truth.events()) {
            RawTruth.Visit v = truth.visit(e.visitId());
            if (v != null && e.ts() >= fromMs && e.ts() < toMs
                    && filters.stream().allMatch(f -> RawTruth.matches(f, RawTruth.value(f.property(), e, v)))) {
                byVisit.computeIfAbsent(e.visitId(), x -> new ArrayList<>()).add(e);
            }
        }
        int n = goals.size();
        Map<Long, Integer> furthest = new HashMap<>();
        List<Map<String, BigDecimal>> revenue = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            revenue.add(new TreeMap<>());
        }
        for (List<RawTruth.Event> events : byVisit.values()) {
            events.sort(Comparator.comparingLong(RawTruth.Event::ts).thenComparingLong(RawTruth.Event::id));
            int reached = 0;
            while (reached < n && reachable(events, goals, reached + 1, 0, 0, new HashMap<>())) {
                reached++;
            }
            if (reached == 0) {
                continue;
            }
            int at = 0;
            RawTruth.Event entering = null;
            for (int step = 0; step < reached; step++) {
                while (!GoalTruth.converts(goals.get(step), events.get(at))) {
                    at++;
                }
                RawTruth.Event e = events.get(at++);
                entering = entering == null ? e : entering;
                if (e.revenue() != null) {
                    revenue.get(step).merge(e.currency(), e.revenue(), BigDecimal::add);
                }
            }
            furthest.merge(entering.visitor(), reached, Math::max);
        }
        long[] visitors = new long[n];
        furthest.values().forEach(r -> {
            for (int i = 0; i < r; i++) {
                visitors[i]++;
            }
        });
        return new Steps(visitors, revenue);
    }

    /** True when events from {@code start} on convert the goals of steps {@code step+1..want}, one each, in order. */
    private static boolean reachable(List<RawTruth.Event> events, List<Goal> goals, int want, int step, int start, Map<Long, Boolean> memo) {
        if (step == want) {
            return true;
        }
        long key = (long) step << 32 | start;
        Boolean known = memo.get(key);
        if (known != null) {
            return known;
        }
        boolean found = false;
        for (int i = start; i < events.size() && !found; i++) {
            found = GoalTruth.converts(goals.get(step), events.get(i)) && reachable(events, goals, want, step + 1, i + 1, memo);
        }
        memo.put(key, found);
        return found;
    }
}
