package dev.footfall.server.rollup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.server.goal.Goal;
import dev.footfall.server.goal.GoalMatch;
import dev.footfall.server.goal.Goals;
import dev.footfall.server.session.Buckets;
import dev.footfall.server.session.VisitState;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Fills a goal's facts from the events stored before its fill was opened ({@code goal.GoalFills}):
 * a background job that books, one site-local day per transaction, the events of the goal's site
 * with ids up to {@code upto_event_id} exactly as the writer books later ones ({@link GoalFacts}),
 * and moves the fill's {@code next_day} down in the same transaction; so a restart resumes at the
 * next day and no day is booked twice. Newest days first, as reports ask for them most. Until a day
 * is filled, goal reports answer it from raw rows ({@code query.GoalCells}).
 *
 * <p>Cost per day: the ranges of the site's page or event-name index (V3, V10) for the goal's pages or name,
 * the page and event-name texts of the ids seen (a primary-key read per 1,000), and the visits of
 * the converting events; about 0.1 s for a day of a 110,000-event site (BENCHMARKS.md).
 */
public final class GoalFill {
    private static final Logger LOG = Logger.getLogger(GoalFill.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int IN_LIST = 1_000;

    private final DataSource db;
    /**
     * Fill id → the ids of the pages (page and scroll goals) or event name (event goals) its goal's
     * events carry, read once per fill: every event up to the fill's {@code upto_event_id} was
     * stored after its page and name ids, so later ids cannot matter. Entries stay for the process's
     * life (a few ids per goal fill ever opened).
     */
    private final Map<Integer, List<Integer>> candidates = new ConcurrentHashMap<>();

    public GoalFill(DataSource db) {
        this.db = db;
    }

    /** Fills days for up to {@code budgetMs}; true once no fill is left. */
    public boolean run(long budgetMs) {
        long until = System.currentTimeMillis() + budgetMs;
        try {
            while (System.currentTimeMillis() < until) {
                if (step()) {
                    return true;
                }
            }
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("goals: cannot fill goal facts from stored events: " + e.getMessage(), e);
        }
    }

    /** The fill being worked on, as read under its row lock. */
    private record Fill(int id, int goalId, int siteId, long upto, Integer firstDay, Integer lastDay, Integer nextDay) {
    }

    /** One day of the oldest unfinished fill, in one transaction; true when there is none. */
    boolean step() throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<Fill> next = next(c);
                if (next.isEmpty()) {
                    c.commit();
                    return true;
                }
                Fill f = next.get();
                ZoneId zone = FactBackfill.zones(c).get(f.siteId());
                Optional<Goal> goal = Goals.booked(c, f.siteId()).stream().filter(b -> b.fillId() == f.id()).map(Goals.Booked::goal)
                        .findFirst();
                if (zone == null || goal.isEmpty()) {
                    finish(c, f, null);
                } else if (f.nextDay() == null) {
                    bounds(c, f, zone);
                } else {
                    List<Integer> ids = candidates.get(f.id());
                    if (ids == null) {
                        ids = candidates(c, goal.get());
                        candidates.put(f.id(), ids);
                    }
                    fillDay(c, f, goal.get(), zone, f.nextDay(), ids);
                    int nextDay = f.nextDay() - 1;
                    if (nextDay < f.firstDay()) {
                        finish(c, f, nextDay);
                    } else {
                        progress(c, f, nextDay);
                    }
                }
                c.commit();
                return false;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static Optional<Fill> next(Connection c) throws SQLException {
        String sql = "SELECT id, goal_id, site_id, upto_event_id, first_day, last_day, next_day FROM goal_fills WHERE done = 0"
                + " ORDER BY id LIMIT 1 FOR UPDATE /* GoalFill.next */";
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Fill(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getLong(4), rs.getObject(5, Integer.class),
                    rs.getObject(6, Integer.class), rs.getObject(7, Integer.class)));
        }
    }

    /** The site-local days of the site's first and last events: every event the fill has to book lies between. */
    private static void bounds(Connection c, Fill f, ZoneId zone) throws SQLException {
        long min;
        long max;
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(ts), MAX(ts) FROM events WHERE site_id = ? /* GoalFill.bounds */")) {
            ps.setInt(1, f.siteId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getObject(1) == null) {
                    finish(c, f, null);
                    return;
                }
                min = rs.getLong(1);
                max = rs.getLong(2);
            }
        }
        int first = Buckets.day(min, zone);
        int last = Buckets.day(max, zone);
        try (PreparedStatement ps = c.prepareStatement("UPDATE goal_fills SET first_day = ?, last_day = ?, next_day = ? WHERE id = ?"
                + " /* GoalFill.bounds */")) {
            ps.setInt(1, first);
            ps.setInt(2, last);
            ps.setInt(3, last);
            ps.setInt(4, f.id());
            ps.executeUpdate();
        }
    }

    private static void progress(Connection c, Fill f, int nextDay) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE goal_fills SET next_day = ? WHERE id = ? /* GoalFill.progress */")) {
            ps.setInt(1, nextDay);
            ps.setInt(2, f.id());
            ps.executeUpdate();
        }
    }

    private static void finish(Connection c, Fill f, Integer nextDay) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE goal_fills SET done = 1, next_day = ?, done_ms = ? WHERE id = ?"
                + " /* GoalFill.finish */")) {
            ps.setObject(1, nextDay);
            ps.setLong(2, System.currentTimeMillis());
            ps.setInt(3, f.id());
            ps.executeUpdate();
        }
        LOG.info(() -> "goals: the history of goal " + f.goalId() + " is filled (fill " + f.id() + ")");
    }

    /** A stored event, as far as goals need it. */
    private record Stored(long ts, int kind, int pageId, int nameId, String props, Integer scrollDepth, BigDecimal revenue,
                          String currency, long visitId, long visitorId) {
    }

    /** The ids of the stored pages the goal's pattern matches, or of its event name (none when no event has it). */
    private static List<Integer> candidates(Connection c, Goal goal) throws SQLException {
        String table = goal.kind() == Goal.Kind.EVENT ? "dim_event_names" : "dim_pages";
        List<Integer> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, value FROM " + table + " /* GoalFill.candidates */",
                ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            ps.setFetchSize(Integer.MIN_VALUE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String value = rs.getString(2);
                    boolean wanted = goal.kind() == Goal.Kind.EVENT ? value.equals(goal.eventName().orElseThrow())
                            : goal.page().orElseThrow().matches(value);
                    if (wanted) {
                        ids.add(rs.getInt(1));
                    }
                }
            }
        }
        Collections.sort(ids);
        return ids;
    }

    /**
     * Books the goal's conversions among the site's events of {@code day} with ids up to the fill's,
     * reading only the events on its pages or with its event name ({@code ids}: the page and name
     * indexes of V3 and V10).
     */
    private static void fillDay(Connection c, Fill f, Goal goal, ZoneId zone, int day, List<Integer> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        LocalDate date = LocalDate.ofEpochDay(day);
        long fromMs = date.atStartOfDay(zone).toInstant().toEpochMilli();
        long toMs = date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        int kind = switch (goal.kind()) {
            case PAGE -> 1;
            case EVENT -> 2;
            case SCROLL -> 3;
        };
        String column = goal.kind() == Goal.Kind.EVENT ? "name_id" : "page_id";
        String sql = "SELECT ts, kind, page_id, name_id, props, scroll_depth, revenue_amount, revenue_currency, visit_id, visitor_id"
                + " FROM events WHERE site_id = ? AND " + column + " IN (" + ids.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + ") AND ts >= ? AND ts < ? AND kind = ? AND id <= ? /* GoalFill.events */";
        List<Stored> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, f.siteId());
            ps.setLong(2, fromMs);
            ps.setLong(3, toMs);
            ps.setInt(4, kind);
            ps.setLong(5, f.upto());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new Stored(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getString(5),
                            rs.getObject(6, Integer.class), rs.getBigDecimal(7), rs.getString(8), rs.getLong(9), rs.getLong(10)));
                }
            }
        }
        Map<Integer, String> pages = texts(c, "dim_pages", events.stream().map(Stored::pageId).collect(Collectors.toSet()));
        Map<Integer, String> names = goal.kind() == Goal.Kind.EVENT
                ? texts(c, "dim_event_names", events.stream().map(Stored::nameId).collect(Collectors.toSet())) : Map.of();
        Map<Integer, Boolean> pageMatches = new HashMap<>();
        Map<GoalFacts.Key, GoalFacts.Sum> rows = new LinkedHashMap<>();
        Set<Long> visitIds = new LinkedHashSet<>();
        for (Stored e : events) {
            String path = pages.get(e.pageId());
            boolean converts = GoalMatch.converts(goal, e.kind(),
                    () -> pageMatches.computeIfAbsent(e.pageId(), id -> path != null && goal.page().orElseThrow().matches(path)),
                    names.get(e.nameId()), props(goal, e.props()), e.scrollDepth());
            if (converts) {
                String currency = e.revenue() == null ? "" : e.currency() == null ? "" : e.currency();
                GoalFacts.add(rows, new GoalFacts.Key(f.siteId(), f.id(), day, e.visitId(), e.visitorId(), e.pageId(), currency), e.revenue());
                visitIds.add(e.visitId());
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        Map<Long, VisitState> visits = new HashMap<>();
        FactBackfill.visits(c, new ArrayList<>(visitIds)).forEach(v -> visits.put(v.visitId(), v));
        GoalFacts.upsert(c, rows, visits);
    }

    /** The event's custom properties, parsed only for an event goal that matches some. */
    private static Map<String, String> props(Goal goal, String json) {
        if (goal.props().isEmpty() || json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("goals: an event's props are not a JSON object of text: " + e.getOriginalMessage(), e);
        }
    }

    /** The values of dimension ids in {@code table} ({@code dim_pages}, {@code dim_event_names}). */
    private static Map<Integer, String> texts(Connection c, String table, Set<Integer> ids) throws SQLException {
        List<Integer> list = new ArrayList<>(ids);
        Map<Integer, String> texts = new HashMap<>();
        for (int at = 0; at < list.size(); at += IN_LIST) {
            List<Integer> part = list.subList(at, Math.min(list.size(), at + IN_LIST));
            String sql = "SELECT id, value FROM " + table + " WHERE id IN (" + String.join(", ", Collections.nCopies(part.size(), "?"))
                    + ") /* GoalFill.texts */";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < part.size(); i++) {
                    ps.setInt(i + 1, part.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        texts.put(rs.getInt(1), rs.getString(2));
                    }
                }
            }
        }
        return texts;
    }
}
