package dev.footfall.console;

import dev.footfall.console.api.FootfallClient;
import dev.footfall.model.stats.SiteInfo;
import dev.footfall.console.dashboard.DashboardModel;
import dev.footfall.console.dashboard.Interval;
import dev.footfall.console.settings.ServerProfile;
import dev.footfall.console.settings.Settings;
import dev.footfall.console.settings.SettingsStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The dashboard's first requests, sent from {@code main} on the thread {@code footfall-ahead}
 * while the JavaFX toolkit starts and the window is built: the settings, the server the console
 * will open, its site list, and the headline and chart of the site and range it will show.
 * {@link Console} then opens that server with {@link #take} and its first loads take the
 * answers (see {@link FootfallClient#ahead()}). This takes the HTTP client's and Jackson's
 * start-up (onto the second core) and the round trips off the path to the first paint. Against a
 * local server that gains nothing measurable, as the window's first layout outlasts the
 * requests; with 200 ms per request it gains 0.26 s (1.41 s to 1.15 s, docs/benchmarks-history.md).
 */
final class EarlyStart {
    static final EarlyStart NONE = new EarlyStart(CompletableFuture.completedFuture(null));
    private static final Logger LOG = Logger.getLogger(EarlyStart.class.getName());

    /** The server opened ahead and its client; completes with null when none was. */
    private final CompletableFuture<Opened> opened;
    /** That server's site list; completes with null when it could not be loaded. */
    private final CompletableFuture<List<SiteInfo>> sites = new CompletableFuture<>();
    /** Set by the first {@link #take}: a later dashboard (after switching servers) loads afresh. */
    private boolean taken;

    private record Opened(ServerProfile profile, FootfallClient client) {
    }

    /** A client of the server opened ahead, and its site list if that has arrived. */
    record Ahead(FootfallClient client, Optional<List<SiteInfo>> sites) {
    }

    private EarlyStart(CompletableFuture<Opened> opened) {
        this.opened = opened;
    }

    static EarlyStart begin(List<String> args, Map<String, String> env, Path settingsDir) {
        EarlyStart early = new EarlyStart(new CompletableFuture<>());
        Thread.ofPlatform().name("footfall-ahead").daemon().start(() -> early.run(args, env, settingsDir));
        return early;
    }

    private void run(List<String> args, Map<String, String> env, Path settingsDir) {
        try {
            Settings settings = new SettingsStore(settingsDir).load();
            Optional<ServerProfile> profile = Console.profileToOpen(LaunchOptions.parse(args, env), settings);
            if (profile.isEmpty()) {
                opened.complete(null);
                return;
            }
            FootfallClient client = FootfallClient.create(profile.get().url(), profile.get().token());
            opened.complete(new Opened(profile.get(), client));
            // The list is handed over by take(), not kept in the client: a later reload of the
            // list (a site added in the first seconds) must ask the server.
            List<SiteInfo> list = client.sites();
            sites.complete(list);
            DashboardModel.loadAhead(client.ahead(), list, settings.site(), Console.initialRange(settings),
                    Interval.fromApiName(settings.interval()));
        } catch (RuntimeException e) {
            opened.complete(null);
            sites.complete(null);
            LOG.log(Level.FINE, "[startup] nothing loaded ahead: {0}", e.toString());
        }
    }

    /**
     * What this start opened for {@code profile}, to the first caller only (on the FX thread).
     * Waits for the client, which is ready before the window is built, never for the site list.
     */
    Optional<Ahead> take(ServerProfile profile) {
        Opened o = opened.join();
        if (taken || o == null || !o.profile().equals(profile)) {
            return Optional.empty();
        }
        taken = true;
        return Optional.of(new Ahead(o.client(), Optional.ofNullable(sites.getNow(null))));
    }
}
