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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
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
    /** {@link #events} by visit id, for behavioural filters; null until first asked for. */
    private Map<Long, List<Event>> eventsByVisit;

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

    /** Label → bucket (local hour or day number) → counts, for days [from, to]; v1's filters are v2 conditions, case-sensitive. */
    Map<String, Map<Integer, Counts>> cells(Optional<Property> groupBy, List<Filter> filters, LocalDate from, LocalDate to, boolean hourly) {
        List<FilterV2> conditions = filters.stream().map(f -> (FilterV2) new FilterV2.Is(switch (f.op()) {
            case EQ -> FilterV2.Op.IS;
            case NEQ -> FilterV2.Op.IS_NOT;
            case CONTAINS -> FilterV2.Op.CONTAINS;
        }, f.property(), f.values(), true)).toList();
        Map<String, Map<Integer, Counts>> cells = new HashMap<>();
        cells(groupBy.map(List::of).orElse(List.of()), conditions, from.atStartOfDay(zone).toInstant().toEpochMilli(),
                to.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli(), hourly)
                .forEach((labels, byBucket) -> cells.put(labels.isEmpty() ? "" : labels.getFirst(), byBucket));
        return cells;
    }

    /**
     * Labels of {@code groupBy} (in order) → bucket → counts, for events in [fromMs, toMs) and visits
     * starting there. An event counts when every filter holds for it and its visit; a visit counts when
     * its properties meet the filters or, when they name event properties, one of its pageviews or
     * custom events (up to a day after the range) does.
     */
    Map<List<String>, Map<Integer, Counts>> cells(List<Property> groupBy, List<FilterV2> filters, long fromMs, long toMs, boolean hourly) {
        boolean pageVisitors = groupBy.stream().anyMatch(p -> p.kind() == PropertyKind.PAGE)
                || filters.stream().anyMatch(f -> f.mentions(PropertyKind.PAGE));
        boolean noEngagement = groupBy.stream().anyMatch(p -> !p.kind().metrics().contains(Metric.TIME_ON_PAGE) && p.kind().eventLevel())
                || filters.stream().anyMatch(f -> f.mentions(PropertyKind.NAME) || f.mentions(PropertyKind.PROPS));
        Map<List<String>, Map<Integer, Counts>> cells = new HashMap<>();
        Map<List<String>, Map<Integer, Set<Long>>> seen = new HashMap<>();
        for (Event e : events) {
            Visit v = visits.get(e.visitId());
            if (v == null || e.ts() < fromMs || e.ts() >= toMs || !filters.stream().allMatch(f -> holds(f, e, v, fromMs, toMs))) {
                continue;
            }
            List<String> labels = labels(groupBy, e, v);
            if (labels == null || (e.kind() == 3 && noEngagement)) {
                continue;
            }
            int bucket = hourly ? Buckets.hour(e.ts(), zone) : Buckets.day(e.ts(), zone);
            Counts k = cells.computeIfAbsent(labels, x -> new HashMap<>()).computeIfAbsent(bucket, x -> new Counts());
            if (e.kind() == 1 || (!pageVisitors && e.kind() == 2)) {
                if (seen.computeIfAbsent(labels, x -> new HashMap<>()).computeIfAbsent(bucket, x -> new HashSet<>()).add(e.visitor())) {
                    k.visitors++;
                }
            }
            k.pageviews += e.kind() == 1 ? 1 : 0;
            k.events += e.kind() != 3 ? 1 : 0;
            k.engagementMs += e.kind() == 3 ? e.engagementMs() : 0;
        }
        if (groupBy.stream().anyMatch(p -> p.kind().eventLevel())) {
            return cells;
        }
        boolean eventConditions = filters.stream().anyMatch(f -> f.anyCondition(is -> is.property().kind().eventLevel()));
        Set<Long> visitsWithMatch = new HashSet<>();
        for (Event e : events) {
            Visit v = visits.get(e.visitId());
            if (v != null && e.kind() != 3 && e.ts() >= fromMs && e.ts() < toMs + 86_400_000L && filters.stream().allMatch(f -> holds(f, e, v, fromMs, toMs))) {
                visitsWithMatch.add(e.visitId());
            }
        }
        for (Visit v : visits.values()) {
            if (v.startTs() < fromMs || v.startTs() >= toMs
                    || !(eventConditions ? visitsWithMatch.contains(v.id()) : filters.stream().allMatch(f -> holds(f, null, v, fromMs, toMs)))) {
                continue;
            }
            List<String> labels = labels(groupBy, null, v);
            int bucket = hourly ? Buckets.hour(v.startTs(), zone) : Buckets.day(v.startTs(), zone);
            Counts k = cells.computeIfAbsent(labels, x -> new HashMap<>()).computeIfAbsent(bucket, x -> new Counts());
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

    /** The values of {@code groupBy} for an event (null for a visit's own values), or null when one is missing. */
    private static List<String> labels(List<Property> groupBy, Event e, Visit v) {
        List<String> labels = new ArrayList<>();
        for (Property p : groupBy) {
            String value = value(p, e, v);
            if (value == null) {
                return null;
            }
            labels.add(value);
        }
        return labels;
    }

    /**
     * A v2 filter on one event and its visit, straight from its definition: a missing value meets no
     * condition; a behavioural filter asks whether a pageview or custom event of the visit, from
     * {@code fromMs} to a day after {@code toMs}, meets the filter it wraps.
     */
    private boolean holds(FilterV2 f, Event e, Visit v, long fromMs, long toMs) {
        return switch (f) {
            case FilterV2.And and -> and.all().stream().allMatch(x -> holds(x, e, v, fromMs, toMs));
            case FilterV2.Or or -> or.any().stream().anyMatch(x -> holds(x, e, v, fromMs, toMs));
            case FilterV2.Not not -> !holds(not.negated(), e, v, fromMs, toMs);
            case FilterV2.HasDone done -> done.negated() != eventsByVisit().getOrDefault(v.id(), List.of()).stream()
                    .anyMatch(x -> x.kind() != 3 && x.ts() >= fromMs && x.ts() < toMs + 86_400_000L && holds(done.done(), x, v, fromMs, toMs));
            case FilterV2.Is is -> {
                String value = value(is.property(), e, v);
                yield value != null && is.op().negated != is.values().stream().anyMatch(x -> matches(is, x, value));
            }
        };
    }

    private static boolean matches(FilterV2.Is is, String clause, String value) {
        String a = is.caseSensitive() ? value : value.toLowerCase(Locale.ROOT);
        String b = is.caseSensitive() ? clause : clause.toLowerCase(Locale.ROOT);
        return switch (is.op().positive()) {
            case IS -> a.equals(b);
            case CONTAINS -> a.contains(b);
            default -> Pattern.compile(clause, is.caseSensitive() ? 0 : Pattern.CASE_INSENSITIVE).matcher(value).find();
        };
    }

    /** A v1 filter on one value (what the goal truth asks of the filters beside a goal). */
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

    /** The site's events by visit id, built on first use. */
    private Map<Long, List<Event>> eventsByVisit() {
        if (eventsByVisit == null) {
            eventsByVisit = new HashMap<>();
            events.forEach(e -> eventsByVisit.computeIfAbsent(e.visitId(), x -> new ArrayList<>()).add(e));
        }
        return eventsByVisit;
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
