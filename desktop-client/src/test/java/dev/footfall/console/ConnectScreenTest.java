package dev.footfall.console;

import static dev.footfall.console.DashboardTest.text;
import static dev.footfall.console.Eventually.eventually;
import static dev.footfall.console.Eventually.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.console.settings.SettingsStore;
import io.helidon.webserver.WebServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The connection screen of a first start, against the real test server. */
@ExtendWith(ApplicationExtension.class)
class ConnectScreenTest {
    @TempDir
    static Path home;
    private static TestServer server;
    private SettingsStore store;

    @BeforeAll
    static void startServer() {
        server = TestServer.withStatsApi();
    }

    @Start
    void start(Stage stage) {
        store = new SettingsStore(home.resolve("settings"));
        new Console(stage, store, LaunchOptions.NONE, (o, t, n, k, e) -> Optional.empty(), Instant.now()).start();
    }

    @Test
    void reportsEachProblemByNameAndRemembersTheServerThatWorked(FxRobot robot) {
        check(robot, server.url(), "wrong-token");
        eventually(10_000, () -> assertTrue(text(robot, "#status").startsWith("Token rejected (401)"),
                text(robot, "#status")));

        check(robot, "http://127.0.0.1:1", TestServer.TOKEN);
        eventually(10_000, () -> assertTrue(text(robot, "#status").startsWith("Server unreachable"),
                text(robot, "#status")));

        WebServer other = WebServer.builder().port(0)
                .routing(r -> r.any((req, res) -> res.send("<html>Welcome to nginx!</html>"))).build().start();
        try {
            check(robot, "http://127.0.0.1:" + other.port(), TestServer.TOKEN);
            eventually(10_000, () -> assertTrue(text(robot, "#status").startsWith("Not a Footfall server"),
                    text(robot, "#status")));
        } finally {
            other.stop();
        }

        fill(robot, server.url(), TestServer.TOKEN);
        robot.clickOn("#connect");
        eventually(20_000, () -> assertTrue(robot.lookup("#dashboard").tryQuery().isPresent(),
                () -> "still on the connection screen: " + robot.lookup("#status").queryAs(javafx.scene.control.Label.class).getText()));
        assertEquals(TestServer.TOKEN, store.load().current().orElseThrow().token());
    }

    private static void check(FxRobot robot, String url, String token) {
        fill(robot, url, token);
        robot.clickOn("#test");
    }

    private static void fill(FxRobot robot, String url, String token) {
        onFx(() -> {
            robot.lookup("#url").queryAs(TextField.class).setText(url);
            robot.lookup("#token").queryAs(TextField.class).setText(token);
            return null;
        });
    }
}
