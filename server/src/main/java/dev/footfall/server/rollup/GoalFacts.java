package dev.footfall.server.rollup;

import dev.footfall.server.goal.Goal;
import dev.footfall.server.goal.GoalMatch;
import dev.footfall.server.goal.Goals;
import dev.footfall.server.lookup.Dimension;
import dev.footfall.server.session.Buckets;
import dev.footfall.server.session.VisitState;
import dev.footfall.server.sql.MultiRowInsert;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The goal facts of a batch (migration V14), booked in the batch's transaction: per goal fill,
 * site-local day, visit, event visitor, page and revenue currency, the conversions and their
 * revenue added to {@code visit_goals}, each row carrying the visit's dimension ids. Goals are
 * matched in Java ({@link GoalMatch}) against each site's goals, cached here per site with the
 * site's {@code goal_epoch}: {@link #lockEpochs}, the transaction's first statement, reads the
 * epochs of the batch's sites under a shared lock and reloads a site's goals when its epoch moved,
 * so a goal created or changed meanwhile is booked from exactly the first event its fill does not
 * hold ({@code goal.GoalFills}).
 *
 * <p>Cost per batch: one primary-key read of the batch's sites, a pattern match per pageview and
 * page goal (cached per path), one multi-row upsert of the converting rows, and, for days older
 * than today, one insert marking the day for a rebuild of its daily goal rows ({@link GoalDays}).
 */
public final class GoalFacts {
    /** What the goal facts need of one stored event; {@code kind} is the {@code events.kind} code. */
    public record Event(int siteId, ZoneId zone, long tsMs, int kind, int pageId, String path, String name, Map<String, String> props,
                        Integer scrollDepth, BigDecimal revenue, String currency, long visitId, long visitorId) {
    }

    static final String DIMS = String.join(", ", VisitFacts.DIM_COLUMNS);
    static final String UPSERT = "INSERT INTO visit_goals (site_id, fill_id, day, visit_id, visitor_id, page_id, currency, entry_page_id, "
            + DIMS + ", country, conversions, revenue, revenue_events) VALUES ";
    static final String UPSERT_TAIL = " ON DUPLICATE KEY UPDATE conversions = conversions + VALUES(conversions),"
            + " revenue = revenue + VALUES(revenue), revenue_events = revenue_events + VALUES(revenue_events)";
    /** Page matches kept per goal; a site with more distinct paths matches the rest each time. */
    private static final int MAX_CACHED_PATHS = 20_000;

    /** A site's goals as last read, and the epoch they were read at. */
    private record SiteGoals(int epoch, List<Matcher> goals) {
    }

    /** One booked goal and its page matches by path (filled as paths are seen; dropped with the site's goals). */
    record Matcher(Goal goal, int fillId, Map<String, Boolean> pages) {
        Matcher(Goals.Booked b) {
            this(b.goal(), b.fillId(), new ConcurrentHashMap<>());
        }

        boolean converts(int kind, String path, String name, Map<String, String> props, Integer scrollDepth) {
            return GoalMatch.converts(goal, kind, () -> path != null && pageMatches(path), name, props, scrollDepth);
        }

        private boolean pageMatches(String path) {
            Boolean page = pages.get(path);
            if (page == null) {
                page = goal.page().orElseThrow().matches(path);
                if (pages.size() < MAX_CACHED_PATHS) {
                    pages.put(path, page);
                }
            }
            return page;
        }
    }

    /** Key of one {@code visit_goals} row. */
    record Key(int siteId, int fillId, int day, long visitId, long visitorId, int pageId, String currency) {
    }

    /** Counters of one row: conversions, revenue and the conversions that carried it. */
    static final class Sum {
        long conversions;
        BigDecimal revenue = BigDecimal.ZERO;
        long revenueEvents;
    }

    /** Site id → its goals at the epoch read; entries are replaced when the epoch moves, never removed. */
    private final Map<Integer, SiteGoals> sites = new ConcurrentHashMap<>();
    private final Clock clock;

    public GoalFacts(Clock clock) {
        this.clock = clock;
    }

    /**
     * Reads the goal epochs of {@code siteIds} under a shared lock (held to the end of the caller's
     * transaction) and reloads the goals of sites whose epoch moved. Must run before the batch's
     * events are inserted, so their ids come after any goal change this batch does not see.
     */
    public void lockEpochs(Connection c, Collection<Integer> siteIds) throws SQLException {
        if (siteIds.isEmpty()) {
            return;
        }
        String ids = new TreeSet<>(siteIds).stream().map(String::valueOf).collect(Collectors.joining(", "));
        Map<Integer, Integer> epochs = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, goal_epoch FROM sites WHERE id IN (" + ids + ") LOCK IN SHARE MODE"
                + " /* GoalFacts.lockEpochs */"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                epochs.put(rs.getInt(1), rs.getInt(2));
            }
        }
        for (Map.Entry<Integer, Integer> e : epochs.entrySet()) {
            SiteGoals known = sites.get(e.getKey());
            if (known == null || known.epoch() != e.getValue()) {
                List<Matcher> goals = Goals.booked(c, e.getKey()).stream().map(Matcher::new).toList();
                sites.put(e.getKey(), new SiteGoals(e.getValue(), goals));
            }
        }
    }

    /** Books the conversions among {@code events} (whose visits after the batch are {@code visits}); after {@link #lockEpochs}. */
    public void write(Connection c, List<Event> events, Collection<VisitState> visits) throws SQLException {
        Map<Key, Sum> rows = new LinkedHashMap<>();
        for (Event e : events) {
            SiteGoals site = sites.get(e.siteId());
            if (site == null || site.goals().isEmpty()) {
                continue;
            }
            int day = -1;
            for (Matcher m : site.goals()) {
                if (m.converts(e.kind(), e.path(), e.name(), e.props(), e.scrollDepth())) {
                    day = day == -1 ? Buckets.day(e.tsMs(), e.zone()) : day;
                    add(rows, new Key(e.siteId(), m.fillId(), day, e.visitId(), e.visitorId(), e.pageId(), currency(e)), e.revenue());
                }
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        Map<Long, VisitState> byId = new HashMap<>();
        visits.forEach(v -> byId.put(v.visitId(), v));
        upsert(c, rows, byId);
        markOldDays(c, rows.keySet(), events);
    }

    static String currency(Event e) {
        return e.revenue() == null ? "" : Objects.requireNonNullElse(e.currency(), "");
    }

    static void add(Map<Key, Sum> rows, Key key, BigDecimal revenue) {
        Sum s = rows.computeIfAbsent(key, k -> new Sum());
        s.conversions++;
        if (revenue != null) {
            // As events.revenue_amount (DECIMAL(18,4)) stores it, so sums equal the raw rows' to the last digit.
            s.revenue = s.revenue.add(revenue.setScale(4, RoundingMode.HALF_UP));
            s.revenueEvents++;
        }
    }

    /** Adds {@code rows} to {@code visit_goals}; a row whose visit is not in {@code visits} is skipped. */
    static void upsert(Connection c, Map<Key, Sum> rows, Map<Long, VisitState> visits) throws SQLException {
        try (MultiRowInsert upsert = new MultiRowInsert(c, UPSERT, UPSERT_TAIL + " /* GoalFacts.upsert */")) {
            for (Map.Entry<Key, Sum> e : rows.entrySet()) {
                Key k = e.getKey();
                VisitState v = visits.get(k.visitId());
                if (v == null) {
                    continue;
                }
                upsert.row().value(k.siteId()).value(k.fillId()).value(k.day()).value(k.visitId()).value(k.visitorId()).value(k.pageId())
                        .text(k.currency()).value(v.entryPageId());
                for (Dimension d : Dimension.VISIT) {
                    upsert.value(v.id(d));
                }
                Sum s = e.getValue();
                upsert.text(v.country()).value(s.conversions).value(s.revenue).value(s.revenueEvents);
            }
            upsert.finish();
        }
    }

    /** Marks the days before today (site-local) that got rows, so {@link GoalDays} rebuilds them if it built them already. */
    private void markOldDays(Connection c, Collection<Key> keys, List<Event> events) throws SQLException {
        Map<Integer, ZoneId> zones = new HashMap<>();
        events.forEach(e -> zones.putIfAbsent(e.siteId(), e.zone()));
        Map<Integer, TreeSet<Integer>> old = new HashMap<>();
        for (Key k : keys) {
            int today = Buckets.day(clock.millis(), zones.get(k.siteId()));
            if (k.day() < today) {
                old.computeIfAbsent(k.siteId(), x -> new TreeSet<>()).add(k.day());
            }
        }
        if (old.isEmpty()) {
            return;
        }
        List<String> values = new ArrayList<>();
        old.forEach((site, days) -> days.forEach(d -> values.add("(" + site + ", " + d + ")")));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO goal_dirty (site_id, day) VALUES " + String.join(", ", values)
                + " /* GoalFacts.markOldDays */")) {
            ps.executeUpdate();
        }
    }
}
