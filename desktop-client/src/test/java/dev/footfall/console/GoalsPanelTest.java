package dev.footfall.console;

import static dev.footfall.console.Eventually.eventually;
import static dev.footfall.console.Eventually.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.console.api.BreakdownRow;
import dev.footfall.console.settings.SettingsStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Goals card against a real Footfall with {@link TestServer}'s known traffic (six visitors
 * in the last 7 days, two of them on /pricing): a goal added in the card reports its history at
 * once (and its preview before it is saved), a bad pattern shows the server's reason, clicking it filters the dashboard (a chip,
 * conversions and the conversion rate in the headline, the pages of conversions), an edit
 * re-counts, a delete removes it.
 */
@ExtendWith(ApplicationExtension.class)
class GoalsPanelTest {
    private static final long LOAD_MS = 20_000;

    @TempDir
    static Path home;
    private static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.withStatsApi();
    }

    @Start
    void start(Stage stage) throws Exception {
        SettingsStore store = TestServer.settingsOnLast7Days(home);
        LaunchOptions options = LaunchOptions.parse(server.launchArgs(), Map.of());
        new Console(stage, store, options, (owner, title, name, kind, ext) -> Optional.empty(), Instant.now()).start();
    }

    @Test
    void aGoalIsAddedCountedEditedAndDeletedInTheGoalsCard(FxRobot robot) {
        eventually(LOAD_MS, () -> assertEquals("6", DashboardTest.text(robot, "#value-visitors")));
        type(robot, "#goal-target", "pricing");
        robot.clickOn(DashboardTest.visible(robot, "#goal-save"));
        eventually(LOAD_MS, () -> assertTrue(DashboardTest.text(robot, "#goal-error").contains("must start with /"),
                DashboardTest.text(robot, "#goal-error")));

        type(robot, "#goal-target", "/pricing");
        eventually(LOAD_MS, () -> assertEquals("Last 30 days: 2 uniques, 2 conversions (33.3 %)", DashboardTest.text(robot, "#goal-preview")));
        robot.clickOn(DashboardTest.visible(robot, "#goal-save"));
        eventually(LOAD_MS, () -> assertEquals(List.of(List.of("Visit /pricing", "2", "2", "33.3 %", "")), rows(robot)));

        // Clicking the goal filters the dashboard: a chip, and conversions in the headline.
        robot.clickOn(goalRow(robot));
        eventually(LOAD_MS, () -> {
            assertTrue(robot.lookup("#chip-event-goal").tryQuery().isPresent());
            assertEquals("2", DashboardTest.text(robot, "#value-visitors"));
            assertTrue(DashboardTest.text(robot, "#value-conversion_rate").startsWith("33.3"),
                    DashboardTest.text(robot, "#value-conversion_rate"));
            assertTrue(robot.lookup("#value-conversion_rate").query().getParent().isVisible());
            assertEquals(Set.of("/pricing"), pages(robot));
        });
        robot.clickOn(DashboardTest.visible(robot, "#remove-event-goal"));
        eventually(LOAD_MS, () -> {
            assertEquals("6", DashboardTest.text(robot, "#value-visitors"));
            assertFalse(robot.lookup("#value-conversion_rate").query().getParent().isVisible());
        });

        onFx(() -> {
            table(robot).getSelectionModel().select(0);
            return null;
        });
        type(robot, "#goal-target", "/docs|/blog");
        robot.clickOn(DashboardTest.visible(robot, "#goal-save"));
        eventually(LOAD_MS, () -> assertEquals(List.of(List.of("Visit /docs or /blog", "2", "2", "33.3 %", "")), rows(robot)));

        onFx(() -> {
            table(robot).getSelectionModel().select(0);
            return null;
        });
        robot.clickOn(DashboardTest.visible(robot, "#goal-delete"));
        eventually(LOAD_MS, () -> assertEquals(List.of(), rows(robot)));
    }

    /** The goal table's first row, scrolled into view. */
    private static Node goalRow(FxRobot robot) {
        Node row = onFx(() -> robot.from(robot.lookup("#table-goals").queryAs(Node.class)).lookup(".table-row-cell")
                .<TableRow<Object>>queryAll().stream().filter(r -> r.getItem() != null).findFirst().orElseThrow());
        DashboardTest.visible(robot, "#table-goals");
        return row;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> pages(FxRobot robot) {
        TableView<BreakdownRow> table = robot.lookup("#table-event-page").queryAs(TableView.class);
        return table.getItems().stream().map(BreakdownRow::value).collect(Collectors.toSet());
    }

    private static void type(FxRobot robot, String query, String text) {
        onFx(() -> {
            robot.lookup(query).queryAs(TextField.class).setText(text);
            return null;
        });
    }

    @SuppressWarnings("unchecked")
    private static TableView<Object> table(FxRobot robot) {
        return robot.lookup("#table-goals").queryAs(TableView.class);
    }

    /** The card's rows as shown, cell texts in column order. */
    private static List<List<String>> rows(FxRobot robot) {
        TableView<Object> table = table(robot);
        return table.getItems().stream().map(item -> table.getColumns().stream()
                .map(c -> String.valueOf(((TableColumn<Object, ?>) c).getCellObservableValue(item).getValue())).toList()).toList();
    }
}
