package dev.footfall.console;

import static dev.footfall.console.DashboardTest.text;
import static dev.footfall.console.DashboardTest.type;
import static dev.footfall.console.DashboardTest.visible;
import static dev.footfall.console.Eventually.eventually;
import static dev.footfall.console.Eventually.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.console.api.Funnel;
import dev.footfall.console.api.Goal;
import java.nio.file.Path;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Funnels card against a real Footfall with {@link TestServer}'s known traffic and two goals,
 * Visit /pricing and Visit /docs: of the two visitors on /pricing, one went on to /docs. A funnel
 * is made in the card from the goals, its bars and drop-off show those numbers, the previous
 * period shows none, and a rename is saved. The shared server's goals and funnels are removed
 * afterwards, as the dashboard's own goal test expects none.
 */
@ExtendWith(ApplicationExtension.class)
class FunnelsViewTest {
    private static final long LOAD_MS = 20_000;

    @TempDir
    static Path home;
    private static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.withStatsApi();
        assertEquals(201, server.send("POST", "/api/v1/sites/" + TestServer.SITE + "/goals", "{\"page_path\":\"/pricing\"}"));
        assertEquals(201, server.send("POST", "/api/v1/sites/" + TestServer.SITE + "/goals", "{\"page_path\":\"/docs\"}"));
    }

    @AfterAll
    static void removeWhatItMade() {
        server.removeGoalsAndFunnels();
    }

    @Start
    void start(Stage stage) throws Exception {
        server.openConsoleOnLast7Days(stage, home);
    }

    @Test
    void aFunnelIsMadeFromGoalsShowsItsStepsAndDropOffAndIsRenamed(FxRobot robot) {
        eventually(LOAD_MS, () -> assertEquals(2, goals(robot).getItems().size()));
        visible(robot, "#funnel-save");
        type(robot, "#funnel-name", "Docs flow");
        pick(robot, "Visit /pricing");
        robot.clickOn(visible(robot, "#funnel-add-step"));
        pick(robot, "Visit /docs");
        robot.clickOn(visible(robot, "#funnel-add-step"));
        robot.clickOn(visible(robot, "#funnel-save"));
        eventually(LOAD_MS, () -> {
            assertEquals("2 visitors entered (33.3 % of all visitors)", text(robot, "#funnel-entered"));
            assertEquals("1. Visit /pricing: 2 visitors, 100.0 % of step 1, 100.0 % of the previous step", text(robot, "#funnel-step-1"));
            assertEquals("↓ 1 dropped off (50.0 %)", text(robot, "#funnel-dropoff-2"));
            assertEquals("2. Visit /docs: 1 visitors, 50.0 % of step 1, 50.0 % of the previous step", text(robot, "#funnel-step-2"));
        });
        robot.clickOn(visible(robot, "#funnel-previous"));
        eventually(LOAD_MS, () -> assertTrue(text(robot, "#funnel-step-1").startsWith("1. Visit /pricing: 0 visitors"),
                text(robot, "#funnel-step-1")));

        type(robot, "#funnel-name", "Pricing to docs");
        robot.clickOn(visible(robot, "#funnel-save"));
        eventually(LOAD_MS, () -> {
            Funnel shown = funnels(robot).getValue();
            assertEquals("Pricing to docs", shown == null ? null : shown.name());
            assertEquals(1, funnels(robot).getItems().size());
        });
    }

    private static void pick(FxRobot robot, String goalName) {
        onFx(() -> {
            ComboBox<Goal> box = goals(robot);
            box.setValue(box.getItems().stream().filter(g -> g.name().equals(goalName)).findFirst().orElseThrow());
            return null;
        });
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<Goal> goals(FxRobot robot) {
        return robot.lookup("#funnel-goal").queryAs(ComboBox.class);
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<Funnel> funnels(FxRobot robot) {
        return robot.lookup("#funnel-select").queryAs(ComboBox.class);
    }
}
