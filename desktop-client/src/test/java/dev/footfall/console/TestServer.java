package dev.footfall.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.footfall.console.settings.Settings;
import dev.footfall.console.settings.SettingsStore;
import dev.footfall.server.Footfall;
import dev.footfall.server.TestInfra;
import dev.footfall.server.config.FootfallConfig;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.Assumptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * One real Footfall per test JVM (embedded MariaDB and Redis from the server's TestInfra) with
 * known traffic on the site {@value #SITE} (time zone UTC), served on a fixed port so tests can
 * stop and restart its HTTP side while the database keeps its data.
 *
 * <p>The traffic, with d = today (UTC): d-3: {@code /} (Chrome, Hacker News), {@code /blog}
 * (Firefox); d-2: {@code /pricing} then {@code /docs} (Firefox, Google), {@code /pricing}
 * (Chrome), {@code /} (Chrome); d-1: {@code /} (Chrome). Over 7 days: 6 visitors, 6 visits,
 * 7 pageviews; d-2 alone: /pricing 2, /docs 1, / 1; Firefox only: 2 visitors, 3 pageviews. Countries:
 * u1, u2, u6 DE, u3, u4 US, u5 FR (3, 2 and 1 visitors); channels: Hacker News Organic Social,
 * Google Organic Search, the rest Direct. Regions and cities (as a city database would give them):
 * u1, u6 DE-BY Bavaria, Munich; u2 DE-BE Berlin, Berlin; u3 US-NY New York, New York; u4 and u5 none.
 */
public final class TestServer {
    public static final String SITE = "console-test.example";
    public static final String TOKEN = "console-test-admin-token";
    private static TestServer shared;
    /** Each user's region and city, as import line fields. */
    private static final Map<String, String> PLACES = Map.of(
            "u1", place("DE-BY", "Bavaria", 2867714, "Munich"), "u6", place("DE-BY", "Bavaria", 2867714, "Munich"),
            "u2", place("DE-BE", "Berlin", 2950159, "Berlin"), "u3", place("US-NY", "New York", 5128581, "New York"));

    private final Footfall footfall;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();
    /** The HTTP listener; null while stopped. */
    private WebServer web;

    private TestServer(Footfall footfall, int port) {
        this.footfall = footfall;
        this.port = port;
    }

    public static synchronized TestServer shared() {
        if (shared == null) {
            Map<String, String> config = TestInfra.freshConfig();
            config.put("FOOTFALL_ADMIN_TOKEN", TOKEN);
            shared = new TestServer(Footfall.start(FootfallConfig.from(config)), freePort());
            shared.startHttp();
            if (shared.hasStatsApi()) {
                shared.loadKnownTraffic();
            }
        }
        return shared;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Whether this server build has the sites and stats API (issue 4) the console reads. */
    public boolean hasStatsApi() {
        return send("GET", "/api/v1/sites", "") == 200;
    }

    /** Skips the calling test while the server predates the stats API, instead of failing the build. */
    public static TestServer withStatsApi() {
        TestServer server = shared();
        Assumptions.assumeTrue(server.hasStatsApi(), "the server has no /api/v1 stats API yet");
        return server;
    }

    /** The command line that opens this server: {@code --server URL --token TOKEN}. */
    public List<String> launchArgs() {
        return List.of("--server", url(), "--token", TOKEN);
    }

    /** A new settings folder under {@code home} remembering {@value #SITE} on "Last 7 days". */
    public static SettingsStore settingsOnLast7Days(Path home) throws IOException {
        return settingsOnLast7Days(home, SITE);
    }

    /** A new settings folder under {@code home} remembering {@code site} on "Last 7 days". */
    public static SettingsStore settingsOnLast7Days(Path home, String site) throws IOException {
        SettingsStore store = new SettingsStore(Files.createTempDirectory(home, "settings"));
        store.save(Settings.DEFAULT.withView(site, "LAST_7_DAYS", "", "", ""));
        return store;
    }

    /** Opens the console on this server in {@code stage}, as {@code --server/--token} open it, on "Last 7 days"; files it saves go to {@code home}. */
    public void openConsoleOnLast7Days(javafx.stage.Stage stage, Path home) throws IOException {
        openConsoleOnLast7Days(stage, home, SITE);
    }

    /** {@link #openConsoleOnLast7Days(javafx.stage.Stage, Path)} on another site of this server. */
    public void openConsoleOnLast7Days(javafx.stage.Stage stage, Path home, String site) throws IOException {
        SettingsStore store = settingsOnLast7Days(home, site);
        Path dir = store.file().getParent();
        LaunchOptions options = LaunchOptions.parse(launchArgs(), Map.of());
        new Console(stage, store, options, (owner, title, name, kind, ext) -> java.util.Optional.of(dir.resolve(name)),
                java.time.Instant.now()).start();
    }

    /** Deletes the site's funnels and goals, so a test that made some leaves the shared server as it found it. */
    public void removeGoalsAndFunnels() {
        int siteId = footfall.sites().find(SITE).orElseThrow().id();
        footfall.funnels().list(siteId).forEach(f -> footfall.funnels().delete(siteId, f.id()));
        footfall.goals().list(siteId).forEach(g -> footfall.goals().delete(siteId, g.id()));
    }

    /** Deletes a site a test added, so the shared server keeps only {@value #SITE}. */
    public void deleteSite(String domain) {
        footfall.sites().delete(domain);
    }

    public static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    public synchronized void startHttp() {
        if (web == null) {
            web = WebServer.builder().port(port).routing(footfall::routing).build().start();
        }
    }

    public synchronized void stopHttp() {
        if (web != null) {
            web.stop();
            web = null;
        }
    }

    private void loadKnownTraffic() {
        assertEquals(201, send("POST", "/api/v1/sites", "{\"domain\":\"" + SITE + "\",\"timezone\":\"UTC\"}"));
        LocalDate d = today();
        visit(d.minusDays(3), 9, "u4", "Chrome", "US", "https://news.ycombinator.com/", "/");
        visit(d.minusDays(3), 10, "u5", "Firefox", "FR", null, "/blog");
        visit(d.minusDays(2), 9, "u1", "Firefox", "DE", "https://www.google.com/", "/pricing", "/docs");
        visit(d.minusDays(2), 10, "u2", "Chrome", "DE", null, "/pricing");
        visit(d.minusDays(2), 11, "u3", "Chrome", "US", null, "/");
        visit(d.minusDays(1), 9, "u6", "Chrome", "DE", null, "/");
    }

    /**
     * One visit: its pages a minute apart, the first with the referrer, through the import route
     * (the live routes take the receive time, not a time days ago).
     */
    private void visit(LocalDate day, int hour, String user, String browser, String country, String referrer, String... pages) {
        long start = day.atTime(LocalTime.of(hour, 0)).toInstant(ZoneOffset.UTC).toEpochMilli();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < pages.length; i++) {
            lines.append("{\"domain\":\"").append(SITE).append("\",\"name\":\"pageview\",\"url\":\"https://").append(SITE)
                    .append(pages[i]).append("\",")
                    .append(i == 0 && referrer != null ? "\"referrer\":\"" + referrer + "\"," : "")
                    .append("\"browser\":\"").append(browser).append("\",\"os\":\"Linux\",\"device\":\"desktop\",")
                    .append("\"country\":\"").append(country).append("\",").append(PLACES.getOrDefault(user, ""))
                    .append("\"visitor\":\"").append(user).append("\",\"timestamp\":").append(start + i * 60_000L).append("}\n");
        }
        assertEquals(200, send("POST", "/api/v1/import/events", lines.toString()), lines.toString());
    }

    private static String place(String region, String regionName, long city, String cityName) {
        return "\"region\":\"" + region + "\",\"region_name\":\"" + regionName + "\",\"city\":" + city
                + ",\"city_name\":\"" + cityName + "\",";
    }

    /** Sends an admin-token request; its status. */
    int send(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
