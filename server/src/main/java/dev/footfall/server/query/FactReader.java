package dev.footfall.server.query;

import dev.footfall.model.stats.Filter;
import dev.footfall.model.stats.PropertyKind;
import dev.footfall.server.rollup.FactBackfill;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Report cells from the visit facts ({@code visit_days}, {@code visit_pages}; {@code rollup.VisitFacts})
 * instead of the raw events joined to their visits: the same counters {@link RawReader} computes,
 * from rows that already carry the visit's dimensions, clustered by site and day, a few per visit
 * instead of one per event. They answer whole-day ranges by day (or coarser) buckets whose filters
 * are conditions joined by {@code and} on visit dimensions (entry page included; exit page for
 * visit counters only) and pages, grouped by those: event counters come from {@code visit_days}
 * or, when a page is filtered or grouped by, {@code visit_pages} (visitors of a page count its
 * pageviews, as in the raw read); visit counters come from the row of the day each visit started,
 * restricted by page conditions through a semi-join on {@code visit_pages} over the range and one day after
 * it (the raw read looks 24 hours past the range's end). Conditions on one custom property's key
 * read {@code visit_props} instead (rows of the events carrying a property pair, by page). Everything
 * else (event names, a property breakdown or several properties' keys, hostnames, {@code or}/{@code not}, behavioural filters, hours, partial days) is
 * {@link RawReader}'s, and so is every range until {@code rollup.FactBackfill} has filled the
 * facts of events stored before migration V12.
 */
final class FactReader {
    /** Visit dimension columns of both fact tables, as {@link Column#raw} names them on {@code v}. */
    static final Set<String> VISIT_COLUMNS = visitColumns();

    private FactReader() {
    }

    private static Set<String> visitColumns() {
        Set<String> set = new java.util.HashSet<>();
        for (String c : dev.footfall.server.rollup.VisitFacts.DIM_COLUMNS) {
            set.add("v." + c);
        }
        set.add("v.country");
        set.add("v.entry_page_id");
        return Set.copyOf(set);
    }

    /** v1 filters as the v2 conditions they equal (case-sensitive {@code is}, {@code is_not}, {@code contains}). */
    static List<FilterV2> fromV1(List<Filter> filters) {
        List<FilterV2> list = new ArrayList<>();
        for (Filter f : filters) {
            FilterV2.Op op = switch (f.op()) {
                case EQ -> FilterV2.Op.IS;
                case NEQ -> FilterV2.Op.IS_NOT;
                case CONTAINS -> FilterV2.Op.CONTAINS;
            };
            list.add(new FilterV2.Is(op, f.property(), f.values(), true));
        }
        return list;
    }

    /**
     * The cells, or empty when the facts cannot answer: {@code cols} grouped by day (visitors are distinct per day),
     * rows where {@code filters} (a conjunction) hold, in the site-local days [firstDay, lastDay].
     */
    static Optional<Map<Cell, Counts>> read(Connection c, int siteId, int firstDay, int lastDay, List<Column> cols,
                                            List<FilterV2> filters, boolean eventCounters, boolean visitCounters) throws SQLException {
        List<FilterV2.Is> leaves = new ArrayList<>();
        if (!flatten(filters, leaves)) {
            return Optional.empty();
        }
        boolean pageGroup = cols.stream().anyMatch(col -> col.property().kind() == PropertyKind.PAGE);
        boolean pageFilter = leaves.stream().anyMatch(l -> l.property().kind() == PropertyKind.PAGE);
        Set<String> propKeys = new java.util.HashSet<>();
        leaves.stream().filter(l -> l.property().kind() == PropertyKind.PROPS).forEach(l -> propKeys.add(l.property().propKey()));
        for (Column col : cols) {
            if (!usable(col, eventCounters) || col.property().kind() == PropertyKind.PROPS || (pageGroup && visitCounters)) {
                return Optional.empty();
            }
        }
        for (FilterV2.Is l : leaves) {
            if (!usable(Column.of(l.property()), eventCounters)) {
                return Optional.empty();
            }
        }
        if (propKeys.size() > 1) {
            return Optional.empty();
        }
        boolean propFilter = !propKeys.isEmpty();
        if (!FactBackfill.done(c)) {
            return Optional.empty();
        }
        DimValues dims = new DimValues(c);
        Sql visitWhere = Sql.of("");
        Sql pageWhereV = Sql.of("");
        Sql pageWhereP = Sql.of("");
        for (FilterV2.Is l : leaves) {
            Sql cond = l.property().kind() == PropertyKind.PROPS ? propCondition(l, dims) : FilterSql.of(l, dims, new FilterSql.Scope(siteId, 0, 0));
            if (l.property().kind() == PropertyKind.PAGE || l.property().kind() == PropertyKind.PROPS) {
                pageWhereV = pageWhereV.then(" AND ").then(alias(cond, "v"));
                pageWhereP = pageWhereP.then(" AND ").then(alias(cond, "p"));
            } else {
                visitWhere = visitWhere.then(" AND ").then(cond);
            }
        }
        Map<Cell, Counts> cells = new HashMap<>();
        int groups = cols.size();
        Sql group = Sql.of("0");
        for (int i = 0; i < groups; i++) {
            group = (i == 0 ? Sql.of("") : group.then(", ")).then(alias(cols.get(i).raw(), "v"));
        }
        int at = Math.max(1, groups) + 1;
        String groupBy = " GROUP BY " + IntStream.rangeClosed(1, at).mapToObj(String::valueOf).collect(Collectors.joining(", "));
        String bucket = "v.day";
        String eventFacts = propFilter ? "visit_props" : pageGroup || pageFilter ? "visit_pages" : "visit_days";
        String pageFacts = propFilter ? "visit_props" : "visit_pages";
        if (eventCounters && visitCounters && eventFacts.equals("visit_days")) {
            // One pass: the visit counters are on the rows of the days visits started, zero on the others.
            Sql sql = Sql.of("SELECT ").then(group).then(", " + bucket
                            + ", COUNT(DISTINCT CASE WHEN v.events > 0 THEN v.visitor_id END), SUM(v.pageviews), SUM(v.events),"
                            + " SUM(v.engagement_ms), SUM(v.visits), SUM(v.bounce), SUM(v.duration_ms), SUM(v.visit_pageviews)"
                            + " FROM visit_days v WHERE v.site_id = ? AND v.day >= ? AND v.day <= ?")
                    .then(new Sql("", List.of(siteId, firstDay, lastDay))).then(visitWhere).then(groupBy + " /* FactReader.days */");
            RawReader.run(c, sql, rs -> {
                Counts k = RawReader.cell(cells, rs, groups);
                k.visitors += rs.getLong(at + 1);
                k.pageviews += rs.getLong(at + 2);
                k.events += rs.getLong(at + 3);
                k.engagementMs += rs.getLong(at + 4);
                k.visits += rs.getLong(at + 5);
                k.bounces += rs.getLong(at + 6);
                k.visitDurationMs += rs.getLong(at + 7);
                k.visitPageviews += rs.getLong(at + 8);
            });
            return Optional.of(cells);
        }
        if (eventCounters) {
            boolean pages = pageGroup || pageFilter;
            Sql sql = Sql.of("SELECT ").then(group).then(", " + bucket
                            + ", COUNT(DISTINCT CASE WHEN " + (pages ? "v.pageviews" : "v.events") + " > 0 THEN v.visitor_id END),"
                            + " SUM(v.pageviews), SUM(v.events), " + (propFilter ? "0" : "SUM(v.engagement_ms)") + " FROM " + eventFacts
                            + " v WHERE v.site_id = ? AND v.day >= ? AND v.day <= ?")
                    .then(new Sql("", List.of(siteId, firstDay, lastDay))).then(visitWhere).then(pageWhereV)
                    .then(groupBy + " /* FactReader.events */");
            RawReader.run(c, sql, rs -> {
                Counts k = RawReader.cell(cells, rs, groups);
                k.visitors += rs.getLong(at + 1);
                k.pageviews += rs.getLong(at + 2);
                k.events += rs.getLong(at + 3);
                k.engagementMs += rs.getLong(at + 4);
            });
        }
        if (visitCounters) {
            Sql sql = Sql.of("SELECT ").then(group).then(", " + bucket
                            + ", SUM(v.visits), SUM(v.bounce), SUM(v.duration_ms), SUM(v.visit_pageviews) FROM visit_days v"
                            + " WHERE v.site_id = ? AND v.day >= ? AND v.day <= ? AND v.visits = 1")
                    .then(new Sql("", List.of(siteId, firstDay, lastDay))).then(visitWhere);
            if (pageFilter || propFilter) {
                sql = sql.then(Sql.of(" AND v.visit_id IN (SELECT p.visit_id FROM " + pageFacts + " p WHERE p.site_id = ? AND p.day >= ?"
                        + " AND p.day <= ? AND p.events > 0", siteId, firstDay, lastDay + 1)).then(pageWhereP).then(")");
            }
            RawReader.run(c, sql.then(groupBy + " /* FactReader.visits */"), rs -> {
                Counts k = RawReader.cell(cells, rs, groups);
                k.visits += rs.getLong(at + 1);
                k.bounces += rs.getLong(at + 2);
                k.visitDurationMs += rs.getLong(at + 3);
                k.visitPageviews += rs.getLong(at + 4);
            });
        }
        return Optional.of(cells);
    }

    /**
     * A condition on a custom property as the ids of the {@code dim_props} pairs of its key whose
     * value matches (for the {@code _not} operators: does not match), so that, as on raw rows, it
     * holds only for events carrying the property.
     */
    private static Sql propCondition(FilterV2.Is f, DimValues dims) throws SQLException {
        String prefix = f.property().propKey() + dev.footfall.server.lookup.Dimension.PROP_SEPARATOR;
        int length = prefix.codePointCount(0, prefix.length());
        Sql sql = Sql.of("SELECT id FROM dim_props WHERE LEFT(value, ?) = ? AND " + (f.op().negated ? "NOT " : "") + "(", length, prefix)
                .then(FilterSql.matching(f, Sql.of("SUBSTRING(value, ?)", length + 1))).then(") /* FactReader.propIds */");
        List<Integer> ids = new ArrayList<>();
        RawReader.run(dims.connection(), sql, rs -> ids.add(rs.getInt(1)));
        if (ids.isEmpty()) {
            return Sql.of("1 = 0");
        }
        return Sql.of("v.prop_id IN (" + ids.stream().sorted().map(String::valueOf).collect(Collectors.joining(", ")) + ")");
    }

    /** The conditions of a conjunction of plain conditions; false for anything else ({@code or}, {@code not}, behavioural). */
    private static boolean flatten(List<FilterV2> filters, List<FilterV2.Is> into) {
        for (FilterV2 f : filters) {
            switch (f) {
                case FilterV2.Is is -> into.add(is);
                case FilterV2.And and -> {
                    if (!flatten(and.all(), into)) {
                        return false;
                    }
                }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether the fact rows hold {@code col}: a page, a visit dimension, or the exit page when only visit counters are read. */
    private static boolean usable(Column col, boolean eventCounters) {
        String raw = col.raw().text();
        return switch (col.property().kind()) {
            case PAGE, PROPS -> true;
            case EXIT_PAGE -> !eventCounters;
            default -> !col.onEvents() && col.raw().params().isEmpty() && VISIT_COLUMNS.contains(raw);
        };
    }

    /** {@code sql} with the event table's page column and the visit table's columns on the fact table {@code alias}. */
    static Sql alias(Sql sql, String alias) {
        return new Sql(sql.text().replace("e.page_id", alias + ".page_id").replace("v.", alias + "."), sql.params());
    }
}
