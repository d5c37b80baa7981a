package dev.footfall.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.model.WireJson;
import dev.footfall.server.ingest.Hit;
import dev.footfall.server.lookup.HitIds;
import dev.footfall.server.rollup.RollupBatch;
import dev.footfall.server.rollup.RollupFolder;
import dev.footfall.server.session.VisitState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/**
 * Writes one batch in one transaction: the events (multi-row INSERT), the visits they touched
 * (upsert of their running totals) and the batch's rollup deltas as one row of the delta log
 * ({@link RollupFolder} folds it into the rollup tables). Either all of it commits or none does,
 * so the rollups, once folded, always agree with the raw rows.
 */
public final class EventStore {
    private static final String EVENT_COLUMNS = "site_id, ts, kind, visitor_id, visit_id, name_id, hostname_id, page_id,"
            + " referrer_id, source_id, utm_source_id, utm_medium_id, utm_campaign_id, utm_term_id, utm_content_id,"
            + " browser_id, browser_version_id, os_id, os_version_id, device_type_id, country, screen_width,"
            + " engagement_ms, scroll_depth, interactive, revenue_amount, revenue_currency, props";
    private static final int EVENT_PARAMS = 28;
    private static final String VISIT_COLUMNS = "id, site_id, visitor_id, start_ts, end_ts, entry_page_id, exit_page_id,"
            + " pageviews, events, interactive_events, bounce, hostname_id, referrer_id, source_id, utm_source_id,"
            + " utm_medium_id, utm_campaign_id, utm_term_id, utm_content_id, browser_id, browser_version_id, os_id,"
            + " os_version_id, device_type_id, country";
    private static final int VISIT_PARAMS = 25;

    private final DataSource db;
    private final ObjectMapper json = WireJson.mapper();

    public EventStore(DataSource db) {
        this.db = db;
    }

    /** A stored event: the hit, its ids, and its visit. */
    public record Row(Hit hit, HitIds ids, long visitId, long visitorId) {
    }

    public void write(List<Row> rows, Collection<VisitState> visits, RollupBatch rollups) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                insertEvents(c, rows);
                upsertVisits(c, new ArrayList<>(visits));
                RollupFolder.log(c, rollups);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * One single-row statement run as a JDBC batch: with {@code rewriteBatchedStatements=true} the
     * driver sends it as multi-row INSERTs, and the SQL text stays the same for every batch, so
     * the driver's statement cache hits (multi-row SQL built here missed it every time).
     */
    private void insertEvents(Connection c, List<Row> rows) throws SQLException {
        String sql = "INSERT INTO events (" + EVENT_COLUMNS + ") VALUES (" + String.join(", ", Collections.nCopies(EVENT_PARAMS, "?"))
                + ") /* EventStore.insertEvents */";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Row r : rows) {
                Hit h = r.hit();
                HitIds ids = r.ids();
                int i = 1;
                ps.setInt(i++, h.site().id());
                ps.setLong(i++, h.tsMs());
                ps.setInt(i++, h.kind().code());
                ps.setLong(i++, r.visitorId());
                ps.setLong(i++, r.visitId());
                ps.setInt(i++, ids.name());
                ps.setInt(i++, ids.hostname());
                ps.setInt(i++, ids.page());
                ps.setInt(i++, ids.referrer());
                ps.setInt(i++, ids.source());
                ps.setInt(i++, ids.utmSource());
                ps.setInt(i++, ids.utmMedium());
                ps.setInt(i++, ids.utmCampaign());
                ps.setInt(i++, ids.utmTerm());
                ps.setInt(i++, ids.utmContent());
                ps.setInt(i++, ids.browser());
                ps.setInt(i++, ids.browserVersion());
                ps.setInt(i++, ids.os());
                ps.setInt(i++, ids.osVersion());
                ps.setInt(i++, ids.deviceType());
                ps.setString(i++, h.country());
                setNullableInt(ps, i++, h.screenWidth());
                ps.setInt(i++, h.engagementMs());
                setNullableInt(ps, i++, h.scrollDepth());
                ps.setInt(i++, h.interactive() ? 1 : 0);
                ps.setBigDecimal(i++, h.revenueAmount());
                ps.setString(i++, h.revenueCurrency());
                ps.setString(i, h.props().isEmpty() ? null : propsJson(h));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void upsertVisits(Connection c, List<VisitState> visits) throws SQLException {
        if (visits.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO visits (" + VISIT_COLUMNS + ") VALUES (" + String.join(", ", Collections.nCopies(VISIT_PARAMS, "?"))
                + ") ON DUPLICATE KEY UPDATE start_ts = VALUES(start_ts), end_ts = VALUES(end_ts),"
                + " exit_page_id = VALUES(exit_page_id), pageviews = VALUES(pageviews), events = VALUES(events),"
                + " interactive_events = VALUES(interactive_events), bounce = VALUES(bounce) /* EventStore.upsertVisits */";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (VisitState s : visits) {
                int i = 1;
                ps.setLong(i++, s.visitId());
                ps.setInt(i++, s.siteId());
                ps.setLong(i++, s.visitorId());
                ps.setLong(i++, s.startTs());
                ps.setLong(i++, s.lastTs());
                ps.setInt(i++, s.entryPageId());
                ps.setInt(i++, s.exitPageId());
                ps.setInt(i++, s.pageviews());
                ps.setInt(i++, s.events());
                ps.setInt(i++, s.interactiveEvents());
                ps.setInt(i++, s.bounce() ? 1 : 0);
                ps.setInt(i++, s.hostnameId());
                ps.setInt(i++, s.referrerId());
                ps.setInt(i++, s.sourceId());
                ps.setInt(i++, s.utmSourceId());
                ps.setInt(i++, s.utmMediumId());
                ps.setInt(i++, s.utmCampaignId());
                ps.setInt(i++, s.utmTermId());
                ps.setInt(i++, s.utmContentId());
                ps.setInt(i++, s.browserId());
                ps.setInt(i++, s.browserVersionId());
                ps.setInt(i++, s.osId());
                ps.setInt(i++, s.osVersionId());
                ps.setInt(i++, s.deviceTypeId());
                ps.setString(i, s.country());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private String propsJson(Hit h) {
        try {
            return json.writeValueAsString(h.props());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("store: props cannot be written as JSON", e);
        }
    }

    private static void setNullableInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }
}
