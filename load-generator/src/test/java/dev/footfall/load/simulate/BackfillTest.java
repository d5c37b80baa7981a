package dev.footfall.load.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.load.Main;
import dev.footfall.load.bench.QueryBench;
import dev.footfall.server.RunningServer;
import dev.footfall.server.TestInfra;
import dev.footfall.traffic.Population;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code simulate --backfill} and {@code bench query} against a real Footfall in this JVM
 * (embedded MariaDB and Redis from the server's test-jar): what the import route acknowledged is
 * what is stored, the history spans the days asked for, and every dashboard report answers.
 */
class BackfillTest {
    static final String TOKEN = "backfill-admin";
    static RunningServer server;
    static URI url;

    @BeforeAll
    static void start() {
        server = RunningServer.start(TestInfra.adminConfig(TOKEN));
        url = server.uri("/");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void backfillStoresWhatTheServerAcknowledgedOverTheWholeRangeAndTheDashboardAnswers() throws Exception {
        Backfill.Result result = new Backfill(url, TOKEN, "Europe/Berlin", new PrintStream(new ByteArrayOutputStream()))
                .run(Population.create(2, 400, 3), 5, 6_000, 700, 3);

        assertEquals(0, result.rejected());
        assertTrue(result.accepted() > 5_000, "about the events asked for: " + result.accepted());
        assertEquals(result.accepted(), server.count("SELECT COUNT(*) FROM events"));
        assertEquals(result.lines(), result.accepted() + result.dropped());
        long days = server.count("SELECT COUNT(DISTINCT FLOOR(ts / 86400000)) FROM events");
        assertTrue(days >= 5, "history over 5 UTC days, was " + days);

        List<QueryBench.Report> reports = QueryBench.dashboard("site1.example", List.of("7d", "30d"), List.of("visit:source==Google"),
                LocalDate.now(ZoneId.of("Europe/Berlin")));
        assertEquals(2 * 2 * 8, reports.size());
        Map<QueryBench.Report, QueryBench.Samples> samples = new QueryBench(url, TOKEN).run(reports, 0, 1,
                new PrintStream(new ByteArrayOutputStream()));
        samples.values().forEach(s -> {
            assertFalse(Double.isNaN(s.serverP(50)), "Server-Timing present");
            assertTrue(s.source().equals("rollup") || s.source().equals("raw"), s.source());
        });
    }

    @Test
    void theCommandLineNeedsAnAdminToken() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.commandLine().setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8))
                .execute("simulate", "--server", url.toString(), "--backfill", "2d", "--events", "100", "--token", "");
        assertEquals(2, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--token"), err.toString(StandardCharsets.UTF_8));
    }
}
