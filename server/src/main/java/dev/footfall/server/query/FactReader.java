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
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;

/**
 * Report cells from the visit facts ({@code visit_days}, {@code visit_pages}; {@code rollup.VisitFacts})
 * instead of the raw events joined to their visits: the same counters {@link RawReader} computes,
 * from rows that already carry the visit's dimensions, clustered by site and day, a few per visit
 * instead of one per event. They answer whole-day ranges by day (or coarser) buckets whose filters
 * are conditions joined by {@code and} on visit dimensions (entry page included; exit page for
 * visit counters only) and pages, grouped by those: event counters come from {@code visit_days}
 * or, when a page is filtered or grouped by, {@code visit_pages} (visitors of a page count its
 * pageviews, as in the raw read); visit counters come from the row of the day each visit started,
 * restricted by page conditions to visits with a matching {@code visit_pages} row from their start to
 * one day after the range (the raw read looks 24 hours past the range's end; {@link PageVisits}). Conditions on one custom property's key
 * read {@code visit_props} instead (rows of the events carrying a property pair, by page). Everything
 * else (event names, a property breakdown or several properties' keys, hostnames, {@code or}/{@code not}, behavioural filters, hours, partial days) is
 * {@link RawReader}'s, and so is every range until {@code rollup.FactBackfill} has filled the
 * facts of events stored before migration V12.
 *
 * <p>A range is read a day at a time ({@link #CHUNK_DAYS}), on two connections at once where the
 * report lends a second one ({@link #SPARE}); visit counters under page conditions are
 * {@link PageVisits}', by day as well.
 */
final class FactReader {
    /**
     * Days one event or visit query reads. A range is read a day at a time: a day's rows (about
     * 25,000 visit-days of the 10 M-event backfill) are grouped with their distinct visitors in
     * memory, a month's spill to a sort (a filtered breakdown by browser: 30 days 0.8 s by day
     * against 1.8 s in one query, 90 days 2.0 s against 4.6 s; pageviews of some pages: 1.0 s
     * against 2.7 s, 3.0 s against 9.9 s). Exact, as visitors are distinct per day: the cells are days.
     */
    static final int CHUNK_DAYS = 1;

    /** The pool a read may take a second connection from ({@link #run}); reports bind it around their reads. */
    static final ScopedValue<DataSource> SPARE = ScopedValue.newInstance();

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
        Sql onVisit = visitWhere;
        Sql onPage = pageWhereV;
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
        Sql select = Sql.of("SELECT ").then(group).then(", " + bucket);
        List<Part> parts = new ArrayList<>();
        if (eventCounters && visitCounters && eventFacts.equals("visit_days")) {
            // One pass: the visit counters are on the rows of the days visits started, zero on the others.
            Sql head = select.then(", COUNT(DISTINCT CASE WHEN v.events > 0 THEN v.visitor_id END), SUM(v.pageviews), SUM(v.events),"
                    + " SUM(v.engagement_ms), SUM(v.visits), SUM(v.bounce), SUM(v.duration_ms), SUM(v.visit_pageviews)"
                    + " FROM visit_days v WHERE v.site_id = ? AND v.day >= ? AND v.day <= ?");
            forEachChunk(firstDay, lastDay, (from, to) -> parts.add((conn, cells) -> {
                Sql sql = head.then(new Sql("", List.of(siteId, from, to))).then(onVisit).then(groupBy + " /* FactReader.days */");
                RawReader.run(conn, sql, rs -> {
                    Counts k = RawReader.cell(cells, rs, groups);
                    k.addEvents(rs, at + 1);
                    k.addVisits(rs, at + 5);
                });
            }));
            return Optional.of(run(c, parts));
        }
        PageVisits pageVisits = null;
        if (visitCounters && (pageFilter || propFilter)) {
            pageVisits = new PageVisits(siteId, firstDay, lastDay, select, groups, groupBy, visitWhere, pageFacts, pageWhereP);
            for (int day = firstDay; day <= pageVisits.lastPageDay(); day++) {
                parts.add(pageVisits.day(day));
            }
        }
        if (eventCounters) {
            boolean pages = pageGroup || pageFilter;
            Sql head = select.then(", COUNT(DISTINCT CASE WHEN " + (pages ? "v.pageviews" : "v.events") + " > 0 THEN v.visitor_id END),"
                    + " SUM(v.pageviews), SUM(v.events), " + (propFilter ? "0" : "SUM(v.engagement_ms)") + " FROM " + eventFacts
                    + " v WHERE v.site_id = ? AND v.day >= ? AND v.day <= ?");
            forEachChunk(firstDay, lastDay, (from, to) -> parts.add((conn, cells) -> {
                Sql sql = head.then(new Sql("", List.of(siteId, from, to))).then(onVisit).then(onPage)
                        .then(groupBy + " /* FactReader.events */");
                RawReader.run(conn, sql, rs -> {
                    Counts k = RawReader.cell(cells, rs, groups);
                    k.addEvents(rs, at + 1);
                });
            }));
        }
        if (visitCounters && !(pageFilter || propFilter)) {
            Sql head = select.then(", SUM(v.visits), SUM(v.bounce), SUM(v.duration_ms), SUM(v.visit_pageviews) FROM visit_days v"
                    + " WHERE v.site_id = ? AND v.day >= ? AND v.day <= ? AND v.visits = 1");
            forEachChunk(firstDay, lastDay, (from, to) -> parts.add((conn, cells) -> readVisits(conn,
                    head.then(new Sql("", List.of(siteId, from, to))).then(onVisit).then(groupBy + " /* FactReader.visits */"),
                    cells, groups, at)));
        }
        Map<Cell, Counts> cells = run(c, parts);
        if (pageVisits != null) {
            pageVisits.finish(c, cells);
        }
        return Optional.of(cells);
    }

    private static void readVisits(Connection c, Sql sql, Map<Cell, Counts> cells, int groups, int at) throws SQLException {
        RawReader.run(c, sql, rs -> {
            Counts k = RawReader.cell(cells, rs, groups);
            k.addVisits(rs, at + 1);
        });
    }

    /** One query of a read: adds its rows to {@code cells}, on the connection it is given. */
    interface Part {
        void read(Connection c, Map<Cell, Counts> cells) throws SQLException;
    }

    private interface Chunk {
        void add(int fromDay, int toDay);
    }

    /** [firstDay, lastDay] in consecutive runs of {@link #CHUNK_DAYS} days. */
    private static void forEachChunk(int firstDay, int lastDay, Chunk chunk) {
        for (int from = firstDay; from <= lastDay; from += CHUNK_DAYS) {
            chunk.add(from, Math.min(lastDay, from + CHUNK_DAYS - 1));
        }
    }

    /**
     * The cells of all {@code parts}: on {@code c}, and, when a report has bound {@link #SPARE},
     * on a second connection of that pool in a virtual thread at the same time, both taking the
     * next part until none is left (on two cores a range reads in a little over half the time).
     * The helper only helps: when the pool has no connection to spare before {@code c} has read
     * every part, it is not waited for.
     */
    private static Map<Cell, Counts> run(Connection c, List<Part> parts) throws SQLException {
        Map<Cell, Counts> cells = new HashMap<>();
        if (parts.size() < 2 || !SPARE.isBound()) {
            for (Part part : parts) {
                part.read(c, cells);
            }
            return cells;
        }
        Queue<Part> queue = new ConcurrentLinkedQueue<>(parts);
        Map<Cell, Counts> helped = new HashMap<>();
        AtomicInteger state = new AtomicInteger(WAITING);
        DataSource pool = SPARE.get();
        FutureTask<Void> helper = new FutureTask<>(() -> {
            try (Connection spare = pool.getConnection()) {
                if (state.compareAndSet(WAITING, HELPING)) {
                    take(spare, queue, helped);
                }
            }
            return null;
        });
        Thread thread = Thread.ofVirtual().name("footfall-fact-read").start(helper);
        try {
            take(c, queue, cells);
        } catch (SQLException | RuntimeException e) {
            queue.clear();
            throw e;
        } finally {
            if (state.compareAndSet(WAITING, ABANDONED)) {
                thread.interrupt();
            } else {
                await(helper);
            }
        }
        helped.forEach((cell, k) -> cells.merge(cell, k, (a, b) -> {
            a.add(b);
            return a;
        }));
        return cells;
    }

    private static final int WAITING = 0;
    private static final int HELPING = 1;
    private static final int ABANDONED = 2;

    private static void take(Connection c, Queue<Part> queue, Map<Cell, Counts> cells) throws SQLException {
        for (Part part = queue.poll(); part != null; part = queue.poll()) {
            part.read(c, cells);
        }
    }

    private static void await(FutureTask<Void> helper) throws SQLException {
        try {
            helper.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("fact read: interrupted while the second connection read", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException("fact read: the second connection failed", e.getCause());
        }
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
