package dev.footfall.console;

import static dev.footfall.console.Eventually.eventually;
import static dev.footfall.console.Eventually.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.console.api.BreakdownRow;
import dev.footfall.console.api.FootfallClient;
import dev.footfall.console.dashboard.DatePreset;
import dev.footfall.model.stats.Property;
import dev.footfall.model.stats.PropertyKind;
import dev.footfall.model.v2.Query;
import dev.footfall.model.v2.QueryDateRange;
import dev.footfall.model.v2.QueryFilter;
import dev.footfall.model.v2.QueryResult;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The filter editor's {@code is not} and {@code contains} chips and the chart's compare line,
 * against a real Footfall with {@link TestServer}'s traffic: the numbers every card shows are the
 * ones the server's Stats API v2 answers for the same conditions over the same days.
 */
@ExtendWith(ApplicationExtension.class)
class RicherFiltersTest {
    private static final long LOAD_MS = 20_000;
    private static final Property BROWSER = Property.of(PropertyKind.BROWSER);
    private static final Property PAGE = Property.of(PropertyKind.PAGE);

    @TempDir
    static Path home;
    private static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.withStatsApi();
    }

    @Start
    void start(Stage stage) throws Exception {
        server.openConsoleOnLast7Days(stage, home);
    }

    @Test
    void isNotAndContainsChipsChangeEveryCardAsTheServersV2AnswerSays(FxRobot robot) {
        eventually(LOAD_MS, () -> assertEquals("6", DashboardTest.text(robot, "#value-visitors")));
        // "chr" finds "Chrome": the type-ahead matches in any case, which only v2 can ask.
        addFilter(robot, PropertyKind.BROWSER, "is not", "chr", "Chrome");
        eventually(LOAD_MS, () -> assertTrue(robot.lookup("#chip-visit-browser-is-not").tryQuery().isPresent()));
        addFilter(robot, PropertyKind.PAGE, "contains", "o", null);

        LocalDate today = TestServer.today();
        List<QueryFilter> conditions = List.of(QueryFilter.Condition.of(QueryFilter.Op.IS_NOT, BROWSER, "Chrome"),
                QueryFilter.Condition.of(QueryFilter.Op.CONTAINS, PAGE, "o"));
        QueryDateRange week = new QueryDateRange.Dates(today.minusDays(6), today);
        QueryResult total = v2(Query.of(TestServer.SITE, List.of("visitors", "pageviews"), week).withFilters(conditions));
        QueryResult pages = v2(Query.of(TestServer.SITE, List.of("visitors"), week).withFilters(conditions)
                .withDimensions(List.of("event:page")));
        QueryResult days = v2(Query.of(TestServer.SITE, List.of("visitors"), week).withFilters(conditions)
                .withDimensions(List.of("time:day")));
        // Firefox's visits to /blog and /docs: not the whole dashboard, not Firefox's alone (3 pageviews, /pricing too).
        assertEquals(2.0, total.results().getFirst().metric(0));
        assertEquals(2.0, total.results().getFirst().metric(1));
        eventually(LOAD_MS, () -> {
            assertTrue(robot.lookup("#chip-event-page-contains").tryQuery().isPresent());
            assertEquals("Page contains o", DashboardTest.text(robot, "#chip-event-page-contains .label"));
            assertEquals(whole(total.results().getFirst().metric(0)), DashboardTest.text(robot, "#value-visitors"));
            assertEquals(whole(total.results().getFirst().metric(1)), DashboardTest.text(robot, "#value-pageviews"));
            assertEquals(pages.results().stream().map(r -> r.dimensions().getFirst()).collect(Collectors.toSet()), pageRows(robot));
            assertEquals(Set.of("/blog", "/docs"), pageRows(robot));
            assertEquals(days.results().stream().mapToDouble(r -> r.metric(0)).sum(), lineSum(robot, 0));
        });

        robot.clickOn(DashboardTest.visible(robot, "#remove-event-page-contains"));
        eventually(LOAD_MS, () -> {
            assertFalse(robot.lookup("#chip-event-page-contains").tryQuery().isPresent());
            assertTrue(robot.lookup("#chip-visit-browser-is-not").tryQuery().isPresent());
            // Firefox alone again: /pricing is back, and with it the third pageview.
            assertEquals(Set.of("/pricing", "/docs", "/blog"), pageRows(robot));
            assertEquals("3", DashboardTest.text(robot, "#value-pageviews"));
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCompareLineDrawsThePreviousPeriodsVisitors(FxRobot robot) {
        eventually(LOAD_MS, () -> assertEquals("6", DashboardTest.text(robot, "#value-visitors")));
        onFx(() -> {
            ComboBox<DatePreset> range = robot.lookup("#range").queryAs(ComboBox.class);
            range.setValue(DatePreset.YESTERDAY);
            return null;
        });
        robot.clickOn("#compare-toggle");
        LocalDate before = TestServer.today().minusDays(2);
        QueryResult hours = v2(Query.of(TestServer.SITE, List.of("visitors"), new QueryDateRange.Dates(before, before))
                .withDimensions(List.of("time:hour")));
        // The day before yesterday: u1, u2 and u3 at 9, 10 and 11 o'clock.
        assertEquals(3.0, hours.results().stream().mapToDouble(r -> r.metric(0)).sum());
        eventually(LOAD_MS, () -> {
            assertTrue(robot.lookup("#previous-line").tryQuery().isPresent());
            assertEquals(24, robot.lookup(".previous-point").queryAll().size());
            String nine = "previous-" + before + " 09:00:00";
            assertTrue(robot.lookup((javafx.scene.Node n) -> nine.equals(n.getId())).tryQuery().isPresent());
            assertEquals(3.0, lineSum(robot, 2));
            assertEquals(1.0, lineSum(robot, 0));
        });
        robot.clickOn("#compare-toggle");
        eventually(LOAD_MS, () -> assertFalse(robot.lookup("#previous-line").tryQuery().isPresent()));
    }

    /** "+ Filter", property, operator, typed text; then the suggestion {@code pick} (null: the typed text as it is) and "Add filter". */
    @SuppressWarnings("unchecked")
    private static void addFilter(FxRobot robot, PropertyKind kind, String operator, String typed, String pick) {
        robot.clickOn("#add-filter");
        onFx(() -> {
            ComboBox<PropertyKind> property = robot.lookup("#filter-property").queryAs(ComboBox.class);
            property.setValue(kind);
            ComboBox<Object> op = robot.lookup("#filter-operator").queryAs(ComboBox.class);
            op.setValue(op.getItems().stream().filter(o -> op.getConverter().toString(o).equals(operator)).findFirst().orElseThrow());
            return null;
        });
        DashboardTest.type(robot, "#filter-value", typed);
        if (pick != null) {
            eventually(LOAD_MS, () -> assertEquals(List.of(pick), suggestions(robot)));
            robot.clickOn("#suggestion-0");
            eventually(LOAD_MS, () -> assertEquals(pick, robot.lookup("#filter-value").queryAs(javafx.scene.control.TextField.class).getText()));
        }
        robot.clickOn("#filter-apply");
        eventually(LOAD_MS, () -> assertFalse(robot.lookup("#filter-editor").query().isVisible()));
    }

    @SuppressWarnings("unchecked")
    private static List<String> suggestions(FxRobot robot) {
        return List.copyOf(robot.lookup("#filter-suggestions").queryAs(ListView.class).getItems());
    }

    @SuppressWarnings("unchecked")
    private static Set<String> pageRows(FxRobot robot) {
        TableView<BreakdownRow> table = robot.lookup("#table-event-page").queryAs(TableView.class);
        return table.getItems().stream().map(BreakdownRow::value).collect(Collectors.toSet());
    }

    /** The sum of the chart's series {@code index} (0 visitors, 1 pageviews, 2 the previous period's visitors). */
    @SuppressWarnings("unchecked")
    private static double lineSum(FxRobot robot, int index) {
        LineChart<String, Number> chart = robot.lookup("#traffic-chart").queryAs(LineChart.class);
        XYChart.Series<String, Number> series = chart.getData().get(index);
        return series.getData().stream().mapToDouble(d -> d.getYValue().doubleValue()).sum();
    }

    private static QueryResult v2(Query query) {
        return FootfallClient.create(server.url(), TestServer.TOKEN).query(query);
    }

    private static String whole(Double value) {
        return Long.toString(Math.round(value));
    }
}
