package dev.footfall.console;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.footfall.console.api.ApiException;
import dev.footfall.console.api.FootfallClient;
import dev.footfall.console.connect.ConnectModel;
import dev.footfall.console.connect.ConnectView;
import dev.footfall.console.dashboard.DashboardActions;
import dev.footfall.console.dashboard.DashboardModel;
import dev.footfall.console.dashboard.DashboardView;
import dev.footfall.console.dashboard.DatePreset;
import dev.footfall.console.dashboard.DateRange;
import dev.footfall.console.dashboard.Interval;
import dev.footfall.console.export.SaveDialogs;
import dev.footfall.console.format.Formats;
import dev.footfall.console.settings.ServerProfile;
import dev.footfall.console.settings.Settings;
import dev.footfall.console.settings.SettingsStore;
import dev.footfall.console.settings.WindowBounds;
import dev.footfall.console.sites.SiteDialogs;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The console's wiring: one stage whose scene shows either the connection screen or a
 * server's dashboard, the settings they read and write, the theme, and the background threads.
 * {@link Main} builds one from the command line; tests build one with their own settings folder
 * and save dialog.
 */
public final class Console {
    private static final Logger LOG = Logger.getLogger(Console.class.getName());

    private final Stage stage;
    private final SettingsStore store;
    private final LaunchOptions options;
    private final SaveDialogs saves;
    private final Instant launched;
    private final EarlyStart early;
    private final Background background = new Background();
    private final Formats formats = new Formats(Locale.getDefault(Locale.Category.FORMAT));
    /** The settings as last saved; replaced on every change. */
    private Settings settings;
    /** The dashboard on screen, null while the connection screen shows. */
    private DashboardView dashboard;

    public Console(Stage stage, SettingsStore store, LaunchOptions options, SaveDialogs saves, Instant launched) {
        this(stage, store, options, saves, launched, EarlyStart.NONE);
    }

    Console(Stage stage, SettingsStore store, LaunchOptions options, SaveDialogs saves, Instant launched,
            EarlyStart early) {
        this.stage = stage;
        this.store = store;
        this.options = options;
        this.saves = saves;
        this.launched = launched;
        this.early = early;
        this.settings = store.load();
    }

    public void start() {
        applyTheme();
        WindowBounds w = settings.window();
        stage.setTitle("Footfall");
        stage.setScene(new Scene(new javafx.scene.layout.Pane(), w.width(), w.height()));
        if (!Double.isNaN(w.x())) {
            stage.setX(w.x());
            stage.setY(w.y());
        }
        stage.setMaximized(w.maximized());
        stage.setOnHidden(e -> close());
        profileToOpen(options, settings).ifPresentOrElse(this::openDashboard, this::showConnect);
        stage.show();
        LOG.info("[startup] window shown " + Duration.between(launched, Instant.now()).toMillis() + " ms after launch");
    }

    /** The server given on the command line, else the one in use last time; empty: the connection screen. */
    static Optional<ServerProfile> profileToOpen(LaunchOptions options, Settings settings) {
        return options.server().map(url -> new ServerProfile(url, options.token().orElse("")))
                .or(settings::current);
    }

    public DashboardView dashboard() {
        return dashboard;
    }

    public Settings settings() {
        return settings;
    }

    public void showConnect() {
        stopDashboard();
        ConnectModel model = new ConnectModel(background, settings.servers(), profile -> {
            update(s -> s.withServer(profile));
            openDashboard(profile);
        }, profile -> update(s -> s.withoutServer(profile.url())));
        show(new ConnectView(model).root());
    }

    private void openDashboard(ServerProfile profile) {
        Optional<EarlyStart.Ahead> ahead = early.take(profile);
        FootfallClient client;
        try {
            client = ahead.map(EarlyStart.Ahead::client)
                    .orElseGet(() -> FootfallClient.create(profile.url(), profile.token()));
        } catch (ApiException e) {
            LOG.warning("[console] " + e.describe());
            showConnect();
            return;
        }
        stopDashboard();
        DashboardModel model = new DashboardModel(client, background, initialRange(settings),
                Interval.fromApiName(settings.interval()));
        DashboardActions actions = new DashboardActions(this::showConnect, this::toggleTheme, saves,
                new SiteDialogs(background, client), settings.propertyKeys(),
                keys -> update(s -> s.withPropertyKeys(keys)));
        dashboard = new DashboardView(model, formats, actions);
        model.onFirstData(this::logFirstPaint);
        model.site().addListener((obs, old, now) -> rememberView(model));
        model.range().addListener((obs, old, now) -> rememberView(model));
        model.interval().addListener((obs, old, now) -> rememberView(model));
        show(dashboard.root());
        stage.setTitle("Footfall · " + client.base().getHost());
        model.start(settings.site(), ahead.flatMap(EarlyStart.Ahead::sites));
    }

    static DateRange initialRange(Settings settings) {
        try {
            DatePreset preset = DatePreset.valueOf(settings.range());
            if (preset == DatePreset.CUSTOM) {
                return DateRange.custom(LocalDate.parse(settings.customFrom()), LocalDate.parse(settings.customTo()));
            }
            return DateRange.of(preset, LocalDate.now());
        } catch (RuntimeException unknown) {
            return DateRange.of(DatePreset.LAST_30_DAYS, LocalDate.now());
        }
    }

    private void rememberView(DashboardModel model) {
        DateRange r = model.range().get();
        String site = model.site().get() == null ? settings.site() : model.site().get().domain();
        boolean custom = r.preset() == DatePreset.CUSTOM;
        String interval = model.interval().get() == r.defaultInterval() ? "" : model.interval().get().apiName();
        update(s -> s.withView(site, r.preset().name(), custom ? r.from().toString() : "",
                custom ? r.to().toString() : "", interval));
    }

    /** Logs launch to the first painted dashboard: process start (JVM included) to the pulse after data. */
    private void logFirstPaint() {
        Scene scene = stage.getScene();
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            Platform.runLater(() -> LOG.info("[startup] first dashboard paint "
                    + Duration.between(launched, Instant.now()).toMillis() + " ms after launch"));
        };
        scene.addPostLayoutPulseListener(once[0]);
        Platform.requestNextPulse();
    }

    private void show(Parent root) {
        stage.getScene().setRoot(root);
    }

    private void stopDashboard() {
        if (dashboard != null) {
            dashboard.model().stop();
            dashboard = null;
        }
    }

    public void toggleTheme() {
        update(s -> s.withTheme("dark".equals(s.theme()) ? "light" : "dark"));
        applyTheme();
    }

    private void applyTheme() {
        Application.setUserAgentStylesheet("dark".equals(settings.theme())
                ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    private void update(UnaryOperator<Settings> change) {
        settings = change.apply(settings);
        store.save(settings);
    }

    private void close() {
        update(s -> s.withWindow(new WindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                stage.isMaximized())));
        stopDashboard();
        background.close();
    }
}
