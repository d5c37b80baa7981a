package dev.footfall.server.query;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.model.stats.Filter;
import dev.footfall.model.stats.Metric;
import dev.footfall.model.stats.Property;
import dev.footfall.model.stats.PropertyKind;
import dev.footfall.server.session.Buckets;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The reference answer: every event and visit of a site read with plain joins to their text
 * values, and each report computed by brute force in Java, straight from the definitions
 * (ARCHITECTURE.md): visitors are distinct per site-local day (or hour) and summed; visit
 * counters belong to the visit's start; visit properties are the visit's; a visit matches an
 * event filter when one of its pageviews or custom events does; engagement reports have no
 * event name or custom properties, so reports by those leave them out.
 */
final class RawTruth {
    /** {@code id} is the stored order, which breaks ties of {@code ts} within a visit. */
    record Event(long ts, int kind, long visitor, long visitId, Map<PropertyKind, String> values, Map<String, String> props,
                 long engagementMs, Integer scrollDepth, BigDecimal revenue, String currency, long id) {
    }

    record Visit(long id, long startTs, long endTs, int pageviews, boolean bounce, Map<PropertyKind, String> values) {
    }

    private final ZoneId zone;
    private final List<Event> events = new ArrayList<>();
    private final Map<Long, Visit> visits = new HashMap<>();
    /** Region code or city id → its stored name. */
    private final Map<String, String> names = new HashMap<>();

    RawTruth(DataSource db, int siteId, ZoneId zone) throws SQLException {
        this.zone = zone;
        ObjectMapper json = new ObjectMapper();
        try (Connection c = db.getConnection()) {
            query(c, """
                    SELECT v.id, v.start_ts, v.end_ts, v.pageviews, v.bounce, ep.value, xp.value, s.value, r.value, us.value, um.value,
                           uc.value, ut.value, uo.value, v.country, d.value, b.value, bv.value, o.value, ov.value, ch.value,
                           rg.value, ct.value, rg.name, ct.name
                    FROM visits v JOIN dim_pages ep ON ep.id = v.entry_page_id JOIN dim_pages xp ON xp.id = v.exit_page_id
                    JOIN dim_sources s ON s.id = v.source_id JOIN dim_referrers r ON r.id = v.referrer_id
                    JOIN dim_utm_sources us ON us.id = v.utm_source_id JOIN dim_utm_mediums um ON um.id = v.utm_medium_id
                    JOIN dim_utm_campaigns uc ON uc.id = v.utm_campaign_id JOIN dim_utm_terms ut ON ut.id = v.utm_term_id
                    JOIN dim_utm_contents uo ON uo.id = v.utm_content_id JOIN dim_device_types d ON d.id = v.device_type_id
                    JOIN dim_browsers b ON b.id = v.browser_id JOIN dim_browser_versions bv ON bv.id = v.browser_version_id
                    JOIN dim_operating_systems o ON o.id = v.os_id JOIN dim_os_versions ov ON ov.id = v.os_version_id
                    JOIN dim_channels ch ON ch.id = v.channel_id
                    JOIN dim_regions rg ON rg.id = v.region_id JOIN dim_cities ct ON ct.id = v.city_id
                    WHERE v.site_id = ?""", siteId, rs -> {
                Map<PropertyKind, String> values = new EnumMap<>(PropertyKind.class);
                PropertyKind[] kinds = {PropertyKind.ENTRY_PAGE, PropertyKind.EXIT_PAGE, PropertyKind.SOURCE, PropertyKind.REFERRER,
                        PropertyKind.UTM_SOURCE, PropertyKind.UTM_MEDIUM, PropertyKind.UTM_CAMPAIGN, PropertyKind.UTM_TERM,
                        PropertyKind.UTM_CONTENT, PropertyKind.COUNTRY, PropertyKind.DEVICE, PropertyKind.BROWSER,
                        PropertyKind.BROWSER_VERSION, PropertyKind.OS, PropertyKind.OS_VERSION, PropertyKind.CHANNEL,
                        PropertyKind.REGION, PropertyKind.CITY};
                for (int i = 0; i < kinds.length; i++) {
                    values.put(kinds[i], rs.getString(6 + i));
                }
                // The region's and city's codes are the last two of the kinds, their names follow them.
                names.put(rs.getString(4 + kinds.length), rs.getString(6 + kinds.length));
                names.put(rs.getString(5 + kinds.length), rs.getString(7 + kinds.length));
                visits.put(rs.getLong(1), new Visit(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getInt(5) == 1, values));
            });
            query(c, """
                    SELECT e.ts, e.kind, e.visitor_id, e.visit_id, n.value, h.value, p.value, e.props, e.engagement_ms,
                           e.scroll_depth, e.revenue_amount, e.revenue_currency, e.id
                    FROM events e JOIN dim_event_names n ON n.id = e.name_id JOIN dim_hostnames h ON h.id = e.hostname_id
                    JOIN dim_pages p ON p.id = e.page_id WHERE e.site_id = ?""", siteId, rs -> {
                Map<PropertyKind, String> values = new EnumMap<>(PropertyKind.class);
                values.put(PropertyKind.NAME, rs.getString(5));
                values.put(PropertyKind.HOSTNAME, rs.getString(6));
                values.put(PropertyKind.PAGE, rs.getString(7));
                String props = rs.getString(8);
                Map<String, String> map;
                try {
                    map = props == null ? Map.of() : json.readValue(props, new TypeReference<Map<String, String>>() { });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                events.add(new Event(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getLong(4), values, map, rs.getLong(9),
                        (Integer) rs.getObject(10, Integer.class), rs.getBigDecimal(11), rs.getString(12), rs.getLong(13)));
            });
        }
    }

    /** Label → bucket (local hour or day number) → counts, for days [from, to]. */
    Map<String, Map<Integer, Counts>> cells(Optional<Property> groupBy, List<Filter> filters, LocalDate from, LocalDate to, boolean hourly) {
        long fromMs = from.atStartOfDay(zone).toInstant().toEpochMilli();
        long toMs = to.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        boolean pageVisitors = groupBy.map(p -> p.kind() == PropertyKind.PAGE).orElse(false)
                || filters.stream().anyMatch(f -> f.property().kind() == PropertyKind.PAGE);
        boolean noEngagement = groupBy.map(p -> !p.kind().metrics().contains(Metric.TIME_ON_PAGE) && p.kind().eventLevel()).orElse(false)
                || filters.stream().anyMatch(f -> f.property().kind() == PropertyKind.NAME || f.property().kind() == PropertyKind.PROPS);
        Map<String, Map<Integer, Counts>> cells = new HashMap<>();
        Map<String, Map<Integer, Set<Long>>> seen = new HashMap<>();
        for (Event e : events) {
            Visit v = visits.get(e.visitId());
            if (v == null || e.ts() < fromMs || e.ts() >= toMs || !filters.stream().allMatch(f -> matches(f, value(f.property(), e, v)))) {
                continue;
            }
            String label = groupBy.isPresent() ? value(groupBy.get(), e, v) : "";
            if (label == null || (e.kind() == 3 && noEngagement)) {
                continue;
            }
            int bucket = hourly ? Buckets.hour(e.ts(), zone) : Buckets.day(e.ts(), zone);
            Counts k = cells.computeIfAbsent(label, x -> new HashMap<>()).computeIfAbsent(bucket, x -> new Counts());
            if (e.kind() == 1 || (!pageVisitors && e.kind() == 2)) {
                if (seen.computeIfAbsent(label, x -> new HashMap<>()).computeIfAbsent(bucket, x -> new HashSet<>()).add(e.visitor())) {
                    k.visitors++;
                }
            }
            k.pageviews += e.kind() == 1 ? 1 : 0;
            k.events += e.kind() != 3 ? 1 : 0;
            k.engagementMs += e.kind() == 3 ? e.engagementMs() : 0;
        }
        List<Filter> eventFilters = filters.stream().filter(f -> f.property().kind().eventLevel()).toList();
        Set<Long> visitsWithMatch = new HashSet<>();
        for (Event e : events) {
            if (e.kind() != 3 && e.ts() >= fromMs && e.ts() < toMs + 86_400_000L
                    && eventFilters.stream().allMatch(f -> matches(f, value(f.property(), e, null)))) {
                visitsWithMatch.add(e.visitId());
            }
        }
        if (groupBy.map(p -> p.kind().eventLevel()).orElse(false)) {
            return cells;
        }
        for (Visit v : visits.values()) {
            if (v.startTs() < fromMs || v.startTs() >= toMs || (!eventFilters.isEmpty() && !visitsWithMatch.contains(v.id()))
                    || !filters.stream().filter(f -> !f.property().kind().eventLevel()).allMatch(f -> matches(f, v.values().get(f.property().kind())))) {
                continue;
            }
            String label = groupBy.map(p -> v.values().get(p.kind())).orElse("");
            int bucket = hourly ? Buckets.hour(v.startTs(), zone) : Buckets.day(v.startTs(), zone);
            Counts k = cells.computeIfAbsent(label, x -> new HashMap<>()).computeIfAbsent(bucket, x -> new Counts());
            k.visits++;
            k.bounces += v.bounce() ? 1 : 0;
            k.visitDurationMs += v.endTs() - v.startTs();
            k.visitPageviews += v.pageviews();
        }
        return cells;
    }

    /** The stored name of a region code or city id, "" for the unknown place. */
    String name(String code) {
        return names.getOrDefault(code, "");
    }

    /** Distinct values of a property among the site's events (for picking filter values). */
    Set<String> values(Property p) {
        Set<String> values = new HashSet<>();
        for (Event e : events) {
            Visit v = visits.get(e.visitId());
            if (v != null) {
                String value = value(p, e, v);
                if (value != null) {
                    values.add(value);
                }
            }
        }
        return values;
    }

    List<Event> events() {
        return events;
    }

    Visit visit(long id) {
        return visits.get(id);
    }

    ZoneId zone() {
        return zone;
    }

    static String value(Property p, Event e, Visit v) {
        return switch (p.kind()) {
            case PAGE, NAME, HOSTNAME -> e.values().get(p.kind());
            case PROPS -> e.props().get(p.propKey());
            default -> v.values().get(p.kind());
        };
    }

    static boolean matches(Filter f, String value) {
        if (value == null) {
            return false;
        }
        return switch (f.op()) {
            case EQ -> f.values().contains(value);
            case NEQ -> !f.values().contains(value);
            case CONTAINS -> f.values().stream().anyMatch(value::contains);
        };
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, int siteId, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        }
    }
}
