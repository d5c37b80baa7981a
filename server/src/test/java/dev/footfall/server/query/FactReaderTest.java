package dev.footfall.server.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.model.stats.Property;
import dev.footfall.model.stats.PropertyKind;
import dev.footfall.server.RunningServer;
import dev.footfall.server.rollup.FactIndexes;
import dev.footfall.server.site.Site;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The day-by-day fact reads on two connections ({@link FactReader#SPARE}) give the cells the same
 * reads give on one connection, for visit, page and property filters and every counter set; and a
 * read whose pool has no connection to spare answers on its own connection without waiting for one;
 * and {@link FactIndexes}' page index changes no cell.
 * {@code RollupVersusRawTest} holds both against brute force through the API.
 */
class FactReaderTest {
    static final LocalDate FIRST = LocalDate.of(2025, 10, 20);
    static final LocalDate LAST = LocalDate.of(2025, 10, 30);

    static RunningServer server;
    static DataSource db;
    static Site site;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.startWithAdminToken("test-admin-token");
        db = server.footfall().dataSource();
        site = RandomTraffic.site(server.footfall(), "reads.test", ZoneId.of("Europe/Berlin"), 11, FIRST, LAST, 14);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Case(List<FilterV2> filters, List<Column> cols, boolean eventCounters, boolean visitCounters) {
    }

    static List<Case> cases() {
        List<List<FilterV2>> filters = List.of(
                List.of(),
                List.of(is(FilterV2.Op.IS_NOT, Property.of(PropertyKind.BROWSER), "Chrome")),
                List.of(is(FilterV2.Op.CONTAINS, Property.of(PropertyKind.PAGE), "blog")),
                List.of(is(FilterV2.Op.IS, Property.of(PropertyKind.PAGE), "/pricing"), is(FilterV2.Op.IS, Property.of(PropertyKind.COUNTRY), "DE")),
                List.of(is(FilterV2.Op.IS, new Property(PropertyKind.PROPS, "plan"), "pro"),
                        is(FilterV2.Op.IS_NOT, Property.of(PropertyKind.DEVICE), "Tablet")));
        List<List<Column>> groups = List.of(List.of(), List.of(Column.of(Property.of(PropertyKind.SOURCE))),
                List.of(Column.of(Property.of(PropertyKind.PAGE))));
        List<Case> cases = new ArrayList<>();
        for (List<FilterV2> f : filters) {
            for (List<Column> cols : groups) {
                cases.add(new Case(f, cols, true, false));
                cases.add(new Case(f, cols, false, true));
                cases.add(new Case(f, cols, true, true));
            }
        }
        return cases;
    }

    @Test
    void twoConnectionsReadWhatOneReads() throws Exception {
        int answered = 0;
        for (Case k : cases()) {
            Optional<String> one = read(k);
            Optional<String> two = ScopedValue.where(FactReader.SPARE, db).call(() -> read(k));
            assertEquals(one, two, k.toString());
            answered += one.isPresent() ? 1 : 0;
        }
        assertTrue(answered > 30, "the facts answered " + answered + " cases");
    }

    @Test
    void aReadDoesNotWaitForAPoolWithNothingToSpare() throws Exception {
        DataSource exhausted = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        Thread.sleep(Long.MAX_VALUE);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        for (Case k : cases()) {
            Optional<String> one = read(k);
            Optional<String> without = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> ScopedValue.where(FactReader.SPARE, exhausted).call(() -> read(k)));
            assertEquals(one, without, k.toString());
        }
    }

    @Test
    void thePageIndexChangesNoCell() throws Exception {
        assertTrue(new FactIndexes(db).run());
        List<Optional<String>> with = new ArrayList<>();
        for (Case k : cases()) {
            with.add(read(k));
        }
        update("ALTER TABLE visit_pages DROP INDEX ix_visit_pages_page");
        try {
            for (int i = 0; i < cases().size(); i++) {
                assertEquals(with.get(i), read(cases().get(i)), cases().get(i).toString());
            }
        } finally {
            assertTrue(new FactIndexes(db).run());
        }
        assertEquals(4, TestRows.rows(db, "SHOW INDEX FROM visit_pages WHERE Key_name = 'ix_visit_pages_page'").size());
        assertTrue(new FactIndexes(db).run(), "a second run finds the index built");
    }

    private static void update(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    private static FilterV2 is(FilterV2.Op op, Property p, String value) {
        return new FilterV2.Is(op, p, List.of(value), true);
    }

    /** The case's cells as text, in cell order (absent: the facts do not answer it). */
    private static Optional<String> read(Case k) throws SQLException {
        try (Connection c = db.getConnection()) {
            return FactReader.read(c, site.id(), (int) FIRST.toEpochDay(), (int) LAST.toEpochDay(), k.cols(), k.filters(),
                    k.eventCounters(), k.visitCounters()).map(FactReaderTest::text);
        }
    }

    private static String text(Map<Cell, Counts> cells) {
        Map<String, String> sorted = new TreeMap<>();
        cells.forEach((cell, n) -> sorted.put(cell.bucket() + "/" + cell.group(), List.of(n.visitors, n.pageviews, n.events, n.visits,
                n.bounces, n.visitDurationMs, n.visitPageviews, n.engagementMs).toString()));
        return sorted.toString();
    }
}
