package dev.footfall.console;

import static dev.footfall.console.Eventually.eventually;
import static dev.footfall.console.Eventually.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Not a test of the build (surefire's names leave it out): a picture of the dashboard with two
 * chips and the compare line, for a person to look at. Run it alone under Xvfb with GTK, not
 * Monocle, and a file to write:
 * {@code DISPLAY=:99 ./mvnw -o -pl desktop-client -am test -Dtest=DashboardScreenshot
 * -Dsurefire.failIfNoSpecifiedTests=false -Dconsole.screenshot=/tmp/dashboard.png}. It adds two
 * weeks of traffic to the test server so both lines have a shape, then runs {@code import -window root}.
 */
@ExtendWith(ApplicationExtension.class)
class DashboardScreenshot {
    private static final String FILE = System.getProperty("console.screenshot", "");

    static {
        if (!FILE.isEmpty()) {
            System.setProperty("glass.platform", "gtk");
            System.setProperty("testfx.headless", "false");
        }
    }

    @TempDir
    static Path home;
    private static TestServer server;
    private Stage stage;

    @BeforeAll
    static void startServer() {
        org.junit.jupiter.api.Assumptions.assumeFalse(FILE.isEmpty(), "set -Dconsole.screenshot=<file.png> to take the picture");
        server = TestServer.withStatsApi();
        StringBuilder lines = new StringBuilder();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<String> browsers = List.of("Chrome", "Firefox", "Safari", "Edge");
        List<String> pages = List.of("/", "/pricing", "/docs/start", "/docs/api", "/blog/launch");
        for (int day = 13; day >= 1; day--) {
            int visitors = 6 + (day * 7) % 9 + (day <= 6 ? 4 : 0);
            for (int v = 0; v < visitors; v++) {
                long start = today.minusDays(day).atTime(8 + v % 10, v % 60).toInstant(ZoneOffset.UTC).toEpochMilli();
                String page = pages.get((v + day) % pages.size());
                lines.append("{\"domain\":\"").append(TestServer.SITE).append("\",\"name\":\"pageview\",\"url\":\"https://")
                        .append(TestServer.SITE).append(page).append("\",\"browser\":\"").append(browsers.get((v * 3 + day) % 4))
                        .append("\",\"os\":\"Linux\",\"device\":\"desktop\",\"country\":\"DE\",\"visitor\":\"shot-").append(day).append('-')
                        .append(v).append("\",\"timestamp\":").append(start).append("}\n");
            }
        }
        assertEquals(200, server.send("POST", "/api/v1/import/events", lines.toString()));
    }

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        server.openConsoleOnLast7Days(stage, home);
    }

    @Test
    void dashboardWithTwoChipsAndTheCompareLine(FxRobot robot) throws Exception {
        onFx(() -> {
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1280);
            stage.setHeight(800);
            return null;
        });
        eventually(20_000, () -> assertTrue(robot.lookup("#point-" + TestServer.today().minusDays(1)).tryQuery().isPresent()));
        chip(robot, "visit:browser", "is not", "Safari");
        chip(robot, "event:page", "contains", "doc");
        robot.clickOn("#compare-toggle");
        eventually(20_000, () -> {
            assertTrue(robot.lookup("#chip-visit-browser-is-not").tryQuery().isPresent());
            assertTrue(robot.lookup("#chip-event-page-contains").tryQuery().isPresent());
            assertTrue(robot.lookup("#previous-line").tryQuery().isPresent());
        });
        Thread.sleep(1500);
        Path file = Path.of(FILE);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Process shot = new ProcessBuilder("import", "-window", "root", file.toString()).inheritIO().start();
        assertEquals(0, shot.waitFor());
    }

    private static void chip(FxRobot robot, String property, String operator, String value) {
        robot.clickOn("#add-filter");
        onFx(() -> {
            ComboBox<Object> p = robot.lookup("#filter-property").queryAs(ComboBox.class);
            p.setValue(p.getItems().stream().filter(k -> k.toString().equals(property.equals("visit:browser") ? "BROWSER" : "PAGE"))
                    .findFirst().orElseThrow());
            ComboBox<Object> op = robot.lookup("#filter-operator").queryAs(ComboBox.class);
            op.setValue(op.getItems().stream().filter(o -> op.getConverter().toString(o).equals(operator)).findFirst().orElseThrow());
            return null;
        });
        DashboardTest.type(robot, "#filter-value", value);
        robot.clickOn("#filter-apply");
    }
}
