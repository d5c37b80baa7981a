package dev.footfall.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.model.WireJson;
import dev.footfall.server.event.Hit;
import dev.footfall.server.lookup.Dimension;
import dev.footfall.server.lookup.HitIds;
import dev.footfall.server.rollup.GoalFacts;
import dev.footfall.server.rollup.RollupBatch;
import dev.footfall.server.rollup.RollupFolder;
import dev.footfall.server.rollup.VisitFacts;
import dev.footfall.server.session.VisitState;
import dev.footfall.server.sql.MultiRowInsert;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Writes one batch in one transaction: the events (multi-row INSERTs written as SQL text by {@link MultiRowInsert}), the visits they touched
 * (upsert of their running totals), their visit facts ({@link VisitFacts}), the goal conversions among them ({@link GoalFacts}) and the batch's rollup deltas as one row of the delta log
 * ({@link RollupFolder} folds it into the rollup tables). Either all of it commits or none does,
 * so the rollups, once folded, always agree with the raw rows.
 */
public final class EventStore {
    /** Columns before and after the dimension ids; the ids are {@link Dimension#SINGLE}'s columns, in its order. */
    private static final List<String> EVENT_HEAD = List.of("site_id", "ts", "kind", "visitor_id", "visit_id");
    private static final List<String> EVENT_TAIL = List.of("country", "screen_width", "engagement_ms", "scroll_depth", "interactive",
            "revenue_amount", "revenue_currency", "props");
    private static final List<String> VISIT_HEAD = List.of("id", "site_id", "visitor_id", "start_ts", "end_ts", "entry_page_id",
            "exit_page_id", "pageviews", "events", "interactive_events", "bounce");
    private static final List<String> VISIT_TAIL = List.of("country");
    private static final String INSERT_EVENTS = insert("events", columns(EVENT_HEAD, Dimension.SINGLE, EVENT_TAIL));
    private static final String UPSERT_VISITS = insert("visits", columns(VISIT_HEAD, Dimension.VISIT, VISIT_TAIL));
    private static final String UPSERT_VISITS_TAIL = " ON DUPLICATE KEY UPDATE start_ts = VALUES(start_ts), end_ts = VALUES(end_ts),"
            + " exit_page_id = VALUES(exit_page_id), pageviews = VALUES(pageviews), events = VALUES(events),"
            + " interactive_events = VALUES(interactive_events), bounce = VALUES(bounce) /* EventStore.upsertVisits */";

    private final DataSource db;
    private final ObjectMapper json = WireJson.mapper();
    private final GoalFacts goals;

    public EventStore(DataSource db) {
        this(db, new GoalFacts(Clock.systemUTC()));
    }

    public EventStore(DataSource db, GoalFacts goals) {
        this.db = db;
        this.goals = goals;
    }

    /** A stored event: the hit, its ids, and its visit. */
    public record Row(Hit hit, HitIds ids, long visitId, long visitorId) {
    }

    /** The last seq of spool {@code spoolId} committed here; 0 when it never committed. */
    public long committedSeq(String spoolId) throws SQLException {
        return SpoolMark.load(db, spoolId).seq();
    }

    /** {@code mark}: the spool's high-water mark to commit with the rows, or null for rows not from the spool. */
    public void write(List<Row> rows, Collection<VisitState> visits, RollupBatch rollups, SpoolMark mark) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                // First: the goal epochs under a shared lock, so the events' ids follow every goal change this batch misses.
                goals.lockEpochs(c, siteIds(rows));
                if (!rows.isEmpty()) {
                    insertEvents(c, rows);
                }
                upsertVisits(c, new ArrayList<>(visits));
                VisitFacts.write(c, facts(rows), visits);
                goals.write(c, goalEvents(rows), visits);
                RollupFolder.log(c, rollups);
                if (mark != null) {
                    mark.save(c);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static List<VisitFacts.Event> facts(List<Row> rows) {
        List<VisitFacts.Event> events = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Hit h = r.hit();
            events.add(new VisitFacts.Event(h.site().id(), h.site().zone(), h.tsMs(), h.kind(), r.ids().get(Dimension.PAGE),
                    h.measures().engagementMs(), r.visitId(), r.ids().props()));
        }
        return events;
    }

    private static Set<Integer> siteIds(List<Row> rows) {
        Set<Integer> ids = new HashSet<>();
        rows.forEach(r -> ids.add(r.hit().site().id()));
        return ids;
    }

    private static List<GoalFacts.Event> goalEvents(List<Row> rows) {
        List<GoalFacts.Event> events = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Hit h = r.hit();
            events.add(new GoalFacts.Event(h.site().id(), h.site().zone(), h.tsMs(), h.kind().code(), r.ids().get(Dimension.PAGE),
                    h.location().page(), h.name(), h.props(), h.measures().scrollDepth(), h.revenue().amount(), h.revenue().currency(),
                    r.visitId(), r.visitorId()));
        }
        return events;
    }

    private void insertEvents(Connection c, List<Row> rows) throws SQLException {
        try (MultiRowInsert insert = new MultiRowInsert(c, INSERT_EVENTS, " /* EventStore.insertEvents */")) {
            for (Row r : rows) {
                Hit h = r.hit();
                insert.row().value(h.site().id()).value(h.tsMs()).value(h.kind().code()).value(r.visitorId()).value(r.visitId());
                for (Dimension d : Dimension.SINGLE) {
                    insert.value(r.ids().get(d));
                }
                insert.text(h.country())
                        .value(h.measures().screenWidth())
                        .value(h.measures().engagementMs())
                        .value(h.measures().scrollDepth())
                        .value(h.measures().interactive() ? 1 : 0)
                        .value(h.revenue().amount())
                        .text(h.revenue().currency())
                        .text(h.props().isEmpty() ? null : propsJson(h));
            }
            insert.finish();
        }
    }

    private void upsertVisits(Connection c, List<VisitState> visits) throws SQLException {
        if (visits.isEmpty()) {
            return;
        }
        try (MultiRowInsert upsert = new MultiRowInsert(c, UPSERT_VISITS, UPSERT_VISITS_TAIL)) {
            for (VisitState s : visits) {
                upsert.row().value(s.visitId()).value(s.siteId()).value(s.visitorId()).value(s.startTs()).value(s.lastTs())
                        .value(s.entryPageId()).value(s.exitPageId()).value(s.pageviews()).value(s.events())
                        .value(s.interactiveEvents()).value(s.bounce() ? 1 : 0);
                for (Dimension d : Dimension.VISIT) {
                    upsert.value(s.id(d));
                }
                upsert.text(s.country());
            }
            upsert.finish();
        }
    }

    private static List<String> columns(List<String> head, List<Dimension> dims, List<String> tail) {
        List<String> columns = new ArrayList<>(head);
        dims.forEach(d -> columns.add(d.column()));
        columns.addAll(tail);
        return columns;
    }

    /** The head of a multi-row INSERT of {@code columns}, up to {@code VALUES }. */
    private static String insert(String table, List<String> columns) {
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ";
    }

    private String propsJson(Hit h) {
        try {
            return json.writeValueAsString(h.props());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("store: props cannot be written as JSON", e);
        }
    }
}
