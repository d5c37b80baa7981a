package dev.footfall.console;

import static dev.footfall.console.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.console.settings.ServerProfile;
import dev.footfall.console.settings.SettingsStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The dashboard opened the way {@code main} opens it: its first requests sent ahead by {@link EarlyStart}. */
@ExtendWith(ApplicationExtension.class)
class EarlyStartTest {
    @TempDir
    static Path home;
    private static TestServer server;
    private EarlyStart early;

    /** Before the application, as in DashboardTest: a first server start is not bounded by TestFX's setup timeout. */
    @BeforeAll
    static void startServer() {
        server = TestServer.withStatsApi();
    }

    @Start
    void start(Stage stage) throws Exception {
        SettingsStore store = TestServer.settingsOnLast7Days(home);
        List<String> args = server.launchArgs();
        early = EarlyStart.begin(args, Map.of(), store.file().getParent());
        new Console(stage, store, LaunchOptions.parse(args, Map.of()),
                (owner, title, name, kind, ext) -> Optional.empty(), Instant.now(), early).start();
    }

    @Test
    void theDashboardOpenedAheadShowsTheKnownNumbers(FxRobot robot) {
        eventually(20_000, () -> {
            assertEquals("6", DashboardTest.text(robot, "#value-visitors"));
            assertEquals("7", DashboardTest.text(robot, "#value-pageviews"));
        });
    }

    @Test
    void whatWasOpenedAheadIsHandedOutOnce() {
        assertTrue(early.take(new ServerProfile(server.url(), TestServer.TOKEN)).isEmpty(),
                "the console took it when it opened the dashboard");
    }
}
