package dev.footfall.console;

import dev.footfall.console.export.SaveDialogs;
import dev.footfall.console.settings.SettingsStore;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Stage;

/**
 * Entry point: {@code footfall-console [--server URL] [--token TOKEN]}. Unexpected errors are
 * logged and shown in a dialog with their message, never a stack trace on screen.
 */
public final class Main extends Application {
    private static final Logger LOG = Logger.getLogger(Main.class.getName());
    /**
     * Set once by {@link #main} before the toolkit starts; the launcher gives {@link #start} no
     * other way to reach what {@code main} began.
     */
    private static EarlyStart early = EarlyStart.NONE;

    @Override
    public void start(Stage stage) {
        Thread.setDefaultUncaughtExceptionHandler(Main::uncaught);
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(getParameters().getRaw(), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            Platform.exit();
            return;
        }
        Instant launched = ProcessStart.instant();
        new Console(stage, new SettingsStore(SettingsStore.defaultDir()), options, SaveDialogs.fileChooser(),
                launched, early).start();
    }

    private static void uncaught(Thread thread, Throwable error) {
        LOG.log(Level.SEVERE, "[console] unexpected error on " + thread.getName(), error);
        Runnable dialog = () -> {
            Alert alert = new Alert(Alert.AlertType.ERROR, String.valueOf(error.getMessage()));
            alert.setHeaderText("Something went wrong: " + error.getClass().getSimpleName());
            alert.show();
        };
        if (Platform.isFxApplicationThread()) {
            dialog.run();
        } else {
            Platform.runLater(dialog);
        }
    }

    public static void main(String[] args) {
        early = EarlyStart.begin(List.of(args), System.getenv(), SettingsStore.defaultDir());
        launch(Main.class, args);
    }
}
