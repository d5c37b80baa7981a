package dev.footfall.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.load.baseline.BaselineServer;
import dev.footfall.load.bench.CountCheck;
import dev.footfall.load.bench.IngestBench;
import dev.footfall.load.http.Poster;
import dev.footfall.load.http.RawHttpPoster;
import dev.footfall.load.http.Sender;
import dev.footfall.load.simulate.Simulator;
import dev.footfall.load.stats.Counts;
import dev.footfall.load.stats.RunStats;
import dev.footfall.load.wire.PayloadPool;
import dev.footfall.load.wire.WireFormat;
import dev.footfall.traffic.Population;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** simulate and bench ingest against the baseline server, in process, on a free loopback port. */
class EndToEndTest {
    private static BaselineServer baseline;
    private static URI url;

    @BeforeAll
    static void start() {
        baseline = BaselineServer.start("127.0.0.1", 0);
        url = URI.create("http://127.0.0.1:" + baseline.port());
    }

    @AfterAll
    static void stop() {
        baseline.close();
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void simulateStaysUnderTheRateAndCountsOnlyAcknowledgedEvents(WireFormat format) throws Exception {
        Population population = Population.create(3, 40, 1);
        RunStats stats = new RunStats();
        long before = baseline.received();
        try (Sender sender = new Sender(url, 1, Duration.ofSeconds(10))) {
            long start = System.nanoTime();
            new Simulator(population, format, sender, stats, Rate.parse("100/s"), 1, 64)
                    .run(start + TimeUnit.MILLISECONDS.toNanos(1500), new AtomicBoolean(), 5000);
        }
        Counts counts = stats.counts();
        assertEquals(0, counts.failed() + counts.rejected(), stats.errors().toString());
        // The rate is a ceiling the simulator must respect; how close it gets depends on the
        // machine's load, which a test must not assert on.
        assertTrue(counts.accepted() > 0 && counts.accepted() <= 160, "some events, never above 100/s for 1.5 s: " + counts);
        assertEquals(baseline.received() - before, counts.acknowledged());
    }

    @Test
    void simulateStopsWhenAskedTo() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        RunStats stats = new RunStats();
        try (Sender sender = new Sender(url, 1, Duration.ofSeconds(10))) {
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                stop.set(true);
            });
            long start = System.nanoTime();
            new Simulator(Population.create(1, 10, 1), WireFormat.EVENT, sender, stats, Rate.parse("50/s"), 1, 16)
                    .run(start + TimeUnit.MINUTES.toNanos(5), stop, 5000);
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "stopped early");
        }
    }

    /** An open-loop run sends on its schedule (about rate × duration), not as fast as the answers come back. */
    @Test
    void benchIngestAtARateSendsOnItsSchedule() throws Exception {
        var pool = PayloadPool.create(Population.create(4, 200, 2), WireFormat.EVENT, 500, 2);
        long before = baseline.received();
        IngestBench.Result result;
        try (Poster sender = new RawHttpPoster(url, 10_000)) {
            result = new IngestBench(sender, pool, 8, 400).run(500, 2_000, new AtomicBoolean(), stats -> { });
        }
        long measured = result.measured().counts().total();
        assertTrue(measured >= 680 && measured <= 920, "about 800 requests in 2 s at 400/s, sent " + measured);
        CountCheck check = new CountCheck(before, baseline.received(), result.acceptedTotal(), result.uncertainTotal());
        assertEquals(CountCheck.Verdict.EXACT, check.verdict(), check.describe());
    }

    @ParameterizedTest
    @ValueSource(strings = {"raw", "jdk"})
    void benchIngestAcknowledgedEqualsReceived(String client) throws Exception {
        var pool = PayloadPool.create(Population.create(4, 200, 2), WireFormat.EVENT, 500, 2);
        long before = baseline.received();
        IngestBench.Result result;
        try (Poster sender = "raw".equals(client) ? new RawHttpPoster(url, 10_000) : new Sender(url, 2, Duration.ofSeconds(10))) {
            result = new IngestBench(sender, pool, 8).run(200, 800, new AtomicBoolean(), stats -> { });
        }
        assertTrue(result.measured().counts().accepted() > 50, result.measured().counts().toString());
        assertEquals(0, result.uncertainTotal());
        CountCheck check = new CountCheck(before, baseline.received(), result.acceptedTotal(), result.uncertainTotal());
        assertEquals(CountCheck.Verdict.EXACT, check.verdict(), check.describe());
        assertTrue(result.measured().totalLatency().count() > 50);
    }

    @Test
    void benchIngestCommandAgainstTheBuiltInBaseline() {
        int exit = Main.commandLine().execute("bench", "ingest", "--target", "baseline", "--connections", "4",
                "--warmup", "100ms", "--duration", "500ms", "--payloads", "200", "--visitors", "50", "--quiet");
        assertEquals(0, exit);
    }

    @Test
    void benchIngestCommandWithTheOldFormatAndTheJdkClient() {
        int exit = Main.commandLine().execute("bench", "ingest", "--server", url.toString(), "--client", "jdk", "--format", "session",
                "--connections", "4", "--warmup", "0s", "--duration", "300ms", "--payloads", "100", "--visitors", "20", "--quiet");
        assertEquals(0, exit);
    }

    @Test
    void simulateCommandRunsForItsDuration() {
        int exit = Main.commandLine().execute("simulate", "--server", url.toString(), "--sites", "2", "--visitors", "20",
                "--rate", "600/m", "--duration", "700ms", "--format", "SESSION", "--quiet");
        assertEquals(0, exit);
    }
}
