package dev.footfall.server.rollup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.server.event.EventKind;
import dev.footfall.server.lookup.DimIds;
import dev.footfall.server.lookup.Dimension;
import dev.footfall.server.session.VisitState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Fills the visit facts ({@link VisitFacts}, migration V12) from the events and visits stored
 * before V12, so an installation that upgrades gets them for its whole history. The migration
 * notes the last event id then ({@code visit_fact_backfill.upto_event_id}); the writer books every
 * later event itself. Each step reads the next {@value #CHUNK_EVENTS} event ids by primary key and
 * their visits (under shared locks, so a batch the writer commits meanwhile waits and its totals
 * win), books them exactly as the writer would and moves {@code next_event_id} on, in one
 * transaction: a step is counted once, also across a crash. Event counters add up, so the
 * chunks and the writer's rows combine; a visit's own counters are set from its row. Reports read
 * the facts once {@link #done}.
 */
public final class FactBackfill {
    private static final Logger LOG = Logger.getLogger(FactBackfill.class.getName());
    static final int CHUNK_EVENTS = 50_000;
    private static final int IN_LIST = 1_000;
    private static final List<String> VISIT_COLUMNS = visitColumns();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource db;
    private final int chunkEvents;
    private volatile boolean done;

    public FactBackfill(DataSource db) {
        this(db, CHUNK_EVENTS);
    }

    /** Reads {@code chunkEvents} event ids a step. */
    public FactBackfill(DataSource db, int chunkEvents) {
        this.db = db;
        this.chunkEvents = chunkEvents;
    }

    private static List<String> visitColumns() {
        List<String> columns = new ArrayList<>(List.of("id", "visitor_id", "site_id", "start_ts", "end_ts", "pageviews", "events",
                "interactive_events", "entry_page_id", "exit_page_id", "country"));
        columns.addAll(VisitFacts.DIM_COLUMNS);
        return columns;
    }

    /** True when the facts hold every stored event (read from the database until it says so once). */
    public static boolean done(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT next_event_id > upto_event_id FROM visit_fact_backfill WHERE id = 1"
                     + " /* FactBackfill.done */")) {
            return !rs.next() || rs.getBoolean(1);
        }
    }

    /** Runs chunks for up to {@code budgetMs}; returns true once everything is filled. */
    public boolean run(long budgetMs) {
        if (done) {
            return true;
        }
        long until = System.currentTimeMillis() + budgetMs;
        try {
            while (System.currentTimeMillis() < until) {
                if (step()) {
                    done = true;
                    return true;
                }
            }
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("facts: cannot fill visit facts from stored events: " + e.getMessage(), e);
        }
    }

    /** One chunk in one transaction; true when nothing is left. */
    boolean step() throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                long next;
                long upto;
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT next_event_id, upto_event_id FROM visit_fact_backfill WHERE id = 1 FOR UPDATE")) {
                    if (!rs.next()) {
                        c.commit();
                        return true;
                    }
                    next = rs.getLong(1);
                    upto = rs.getLong(2);
                }
                if (next > upto) {
                    c.commit();
                    return true;
                }
                long end = Math.min(upto + 1, next + chunkEvents);
                Map<Integer, ZoneId> zones = zones(c);
                List<VisitFacts.Event> events = events(c, next, end, zones);
                Set<Long> visitIds = new LinkedHashSet<>();
                events.forEach(e -> visitIds.add(e.visitId()));
                VisitFacts.write(c, events, visits(c, new ArrayList<>(visitIds)));
                try (PreparedStatement ps = c.prepareStatement("UPDATE visit_fact_backfill SET next_event_id = ?,"
                        + " visits_done = CASE WHEN ? > upto_event_id THEN 1 ELSE 0 END WHERE id = 1")) {
                    ps.setLong(1, end);
                    ps.setLong(2, end);
                    ps.executeUpdate();
                }
                c.commit();
                if (end > upto) {
                    LOG.info(() -> "facts: visit facts filled for the " + upto + " event ids stored before V12");
                    return true;
                }
                return false;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    static Map<Integer, ZoneId> zones(Connection c) throws SQLException {
        Map<Integer, ZoneId> zones = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, timezone FROM sites")) {
            while (rs.next()) {
                zones.put(rs.getInt(1), ZoneId.of(rs.getString(2)));
            }
        }
        return zones;
    }

    private record Stored(int siteId, long ts, EventKind kind, int pageId, int engagementMs, long visitId, List<String> props) {
    }

    private static List<VisitFacts.Event> events(Connection c, long from, long to, Map<Integer, ZoneId> zones) throws SQLException {
        List<Stored> stored = new ArrayList<>();
        Set<String> pairs = new HashSet<>();
        String sql = "SELECT site_id, ts, kind, page_id, engagement_ms, visit_id, props FROM events WHERE id >= ? AND id < ?"
                + " /* FactBackfill.events */";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> props = props(rs.getString(7));
                    pairs.addAll(props);
                    stored.add(new Stored(rs.getInt(1), rs.getLong(2), EventKind.ofCode(rs.getInt(3)), rs.getInt(4), rs.getInt(5),
                            rs.getLong(6), props));
                }
            }
        }
        Map<String, Integer> propIds = propIds(c, new ArrayList<>(pairs));
        List<VisitFacts.Event> events = new ArrayList<>(stored.size());
        for (Stored e : stored) {
            ZoneId zone = zones.get(e.siteId());
            if (zone != null) {
                events.add(new VisitFacts.Event(e.siteId(), zone, e.ts(), e.kind(), e.pageId(), e.engagementMs(), e.visitId(),
                        e.props().stream().map(propIds::get).toList()));
            }
        }
        return events;
    }

    /** An event's custom properties as the {@code dim_props} values the writer looked up ({@code key + '\u001f' + value}). */
    private static List<String> props(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        try {
            Map<String, String> props = JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
            List<String> pairs = new ArrayList<>(props.size());
            props.forEach((k, v) -> pairs.add(Dimension.prop(k, v)));
            return pairs;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("facts: an event's props are not a JSON object of text: " + e.getOriginalMessage(), e);
        }
    }

    /** The ids of {@code pairs} in {@code dim_props}, by the writer's MD5 key. */
    private static Map<String, Integer> propIds(Connection c, List<String> pairs) throws SQLException {
        Map<String, Integer> ids = new HashMap<>();
        for (int at = 0; at < pairs.size(); at += IN_LIST) {
            List<String> part = pairs.subList(at, Math.min(pairs.size(), at + IN_LIST));
            Map<String, String> byHex = new HashMap<>();
            String sql = "SELECT id, value_hash FROM dim_props WHERE value_hash IN (" + String.join(", ", Collections.nCopies(part.size(), "?"))
                    + ") /* FactBackfill.propIds */";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < part.size(); i++) {
                    byte[] digest = md5(part.get(i));
                    byHex.put(HexFormat.of().formatHex(digest), part.get(i));
                    ps.setBytes(i + 1, digest);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.put(byHex.get(HexFormat.of().formatHex(rs.getBytes(2))), rs.getInt(1));
                    }
                }
            }
        }
        return ids;
    }

    private static byte[] md5(String value) {
        try {
            return MessageDigest.getInstance("MD5").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }

    /** The visits' rows as the writer's visit states (no page set: the facts do not use it). */
    static List<VisitState> visits(Connection c, List<Long> ids) throws SQLException {
        List<VisitState> states = new ArrayList<>(ids.size());
        for (int at = 0; at < ids.size(); at += IN_LIST) {
            List<Long> part = ids.subList(at, Math.min(ids.size(), at + IN_LIST));
            String sql = "SELECT " + String.join(", ", VISIT_COLUMNS) + " FROM visits WHERE id IN ("
                    + String.join(", ", Collections.nCopies(part.size(), "?")) + ") LOCK IN SHARE MODE /* FactBackfill.visits */";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < part.size(); i++) {
                    ps.setLong(i + 1, part.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<Dimension, Integer> dims = new EnumMap<>(Dimension.class);
                        for (int k = 0; k < Dimension.VISIT.size(); k++) {
                            dims.put(Dimension.VISIT.get(k), rs.getInt(12 + k));
                        }
                        states.add(new VisitState(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getLong(4), rs.getLong(5), rs.getInt(6),
                                rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), DimIds.of(dims), rs.getString(11), List.of()));
                    }
                }
            }
        }
        return states;
    }
}
