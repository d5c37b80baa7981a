package dev.footfall.load.bench;

import dev.footfall.load.DurationText;
import dev.footfall.load.baseline.BaselineServer;
import dev.footfall.load.http.Poster;
import dev.footfall.load.http.RawHttpPoster;
import dev.footfall.load.http.Sender;
import dev.footfall.load.stats.LiveProgress;
import dev.footfall.load.stats.Progress;
import dev.footfall.load.stats.RunStats;
import dev.footfall.load.wire.PayloadPool;
import dev.footfall.load.wire.WireFormat;
import dev.footfall.load.wire.WireRequest;
import dev.footfall.traffic.Population;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench ingest}: closed-loop throughput and latency of {@code POST /api/event}, then the
 * stored == acknowledged check when a database URL is given. {@code --target baseline} runs
 * the bare Helidon server in this JVM instead of using {@code --server}.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Closed-loop ingest benchmark: N connections posting simulator payloads back-to-back.",
                "With --verify-jdbc, checks afterwards that rows stored in events == events acknowledged."})
public final class IngestBenchCommand implements Callable<Integer> {
    /** Longest wait for the drain after the run, while the stored count still rises. */
    static final long MAX_DRAIN_WAIT_S = 600;
    /** How long the stored count must stand still for the drain to count as done. */
    private static final long STILL_NS = 5_000_000_000L;

    public enum Target { SERVER, BASELINE }

    public enum Client { RAW, JDK }

    @Option(names = "--server", defaultValue = "http://localhost:8080", description = "Server to load. Default: ${DEFAULT-VALUE}.")
    URI server;

    @Option(names = "--target", defaultValue = "server",
            description = "server (use --server) or baseline (start the bare Helidon ceiling in this JVM). Default: ${DEFAULT-VALUE}.")
    Target target;

    @Option(names = "--rate", defaultValue = "0",
            description = "Open loop: requests per second on a fixed schedule, latency counted from each request's scheduled time; "
                    + "0 = closed loop (each connection sends as soon as it is answered). Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--connections", defaultValue = "256", description = "Concurrent connections. Default: ${DEFAULT-VALUE}.")
    int connections;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationText.Converter.class,
            description = "Measured time. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "5s", converter = DurationText.Converter.class,
            description = "Unmeasured time before it. Default: ${DEFAULT-VALUE}.")
    Duration warmup;

    @Option(names = "--format", defaultValue = "event", description = "event or session. Default: ${DEFAULT-VALUE}.")
    WireFormat format;

    @Option(names = "--sites", defaultValue = "8", description = "Sites in the payloads. Default: ${DEFAULT-VALUE}.")
    int sites;

    @Option(names = "--visitors", defaultValue = "5000", description = "Visitors in the payloads. Default: ${DEFAULT-VALUE}.")
    int visitors;

    @Option(names = "--payloads", defaultValue = "20000", description = "Distinct planned requests, reused with fresh ids. Default: ${DEFAULT-VALUE}.")
    int payloads;

    @Option(names = "--client", defaultValue = "raw",
            description = "raw (one keep-alive socket per connection) or jdk (java.net.http.HttpClient, tops out lower). Default: ${DEFAULT-VALUE}.")
    Client client;

    @Option(names = "--http-clients", defaultValue = "4", description = "With --client jdk: HttpClient instances (selector threads). Default: ${DEFAULT-VALUE}.")
    int httpClients;

    @Option(names = "--timeout", defaultValue = "30s", converter = DurationText.Converter.class,
            description = "Per-request timeout. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--verify-jdbc", description = "JDBC URL of the server's database, e.g. jdbc:mysql://127.0.0.1:PORT/footfall.")
    String verifyJdbc;

    @Option(names = "--db-user", defaultValue = "root", description = "Database user. Default: ${DEFAULT-VALUE}.")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "", description = "Database password. Default: empty.")
    String dbPassword;

    @Option(names = "--quiet", description = "No live progress line.")
    boolean quiet;

    /** Set by Ctrl-C; the hook then waits on {@link #reported} so the summary is printed before the JVM exits. */
    private final AtomicBoolean stop = new AtomicBoolean();
    private final CountDownLatch reported = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                reported.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return benchmark();
        } finally {
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is waiting for the report printed above.
            }
        }
    }

    private int benchmark() throws Exception {
        List<WireRequest> pool = PayloadPool.create(Population.create(sites, visitors, 7), format, payloads, 11);
        StoredEvents stored = verifyJdbc == null ? null : StoredEvents.jdbc(verifyJdbc, dbUser, dbPassword);
        long before = stored == null ? 0 : stored.count();
        double droppedBefore = stored == null || target == Target.BASELINE ? 0 : droppedAfterAck();
        try (BaselineServer baseline = target == Target.BASELINE ? BaselineServer.start("127.0.0.1", 0) : null) {
            URI url = baseline == null ? server : URI.create("http://127.0.0.1:" + baseline.port());
            System.out.printf(Locale.ROOT, "bench ingest: %s (%s, %s client), %d connections, warm-up %s, measured %s, %d distinct %s payloads%n",
                    url, target.name().toLowerCase(Locale.ROOT), client.name().toLowerCase(Locale.ROOT), connections, DurationText.format(warmup),
                    DurationText.format(duration), pool.size(), format.name().toLowerCase(Locale.ROOT));
            if (rate > 0) {
                System.out.printf(Locale.ROOT, "bench ingest: open loop at %.0f requests/s, latency from each request's scheduled time%n", rate);
            }
            IngestBench.Result result = run(url, pool);
            System.out.println(Progress.summary("bench ingest: warm-up", result.warmup(), warmup.toNanos()));
            System.out.println(Progress.summary("bench ingest: measured", result.measured(), result.measuredNanos()));
            if (stored == null) {
                System.out.println("bench ingest: count check skipped (no --verify-jdbc)");
                return 0;
            }
            long after = awaitDrained(stored, before, before + result.acceptedTotal());
            // A server acknowledging from its spool drops some events only when draining them (an
            // engagement with no open visit): those were acknowledged, and are rightly not stored.
            long droppedLater = Math.round(droppedAfterAck() - droppedBefore);
            if (droppedLater > 0) {
                System.out.println("bench ingest: " + droppedLater + " acknowledged events dropped when drained (footfall_events_dropped_after_ack_total)");
            }
            CountCheck check = new CountCheck(before, after, result.acceptedTotal() - droppedLater, result.uncertainTotal());
            System.out.println("bench ingest: count check " + check.describe());
            return check.passed() ? 0 : 1;
        }
    }

    /**
     * The stored count once the server has caught up: a server that acknowledges from a local
     * spool commits to MySQL a moment later. Polls until {@code expected} rows are there or the
     * count stands still for 5 s ({@value #MAX_DRAIN_WAIT_S} s at most: a drain slower than 120 s,
     * as with small drain batches, had made the check report spooled events as not stored), and
     * prints how long the drain took after the run and the rate the database sustained over
     * warm-up, run and drain together.
     */
    private long awaitDrained(StoredEvents stored, long before, long expected) throws Exception {
        long endedNs = System.nanoTime();
        long count = stored.count();
        long changedNs = endedNs;
        long maxWaitNs = MAX_DRAIN_WAIT_S * 1_000_000_000L;
        while (count < expected && System.nanoTime() - endedNs < maxWaitNs && System.nanoTime() - changedNs < STILL_NS) {
            Thread.sleep(200);
            long now = stored.count();
            if (now != count) {
                changedNs = System.nanoTime();
            }
            count = now;
        }
        double drainS = (System.nanoTime() - endedNs) / 1e9;
        double totalS = (warmup.toNanos() + duration.toNanos()) / 1e9 + drainS;
        System.out.printf(Locale.ROOT, "bench ingest: drained %.1f s after the run; database sustained %.0f events/s over warm-up + run + drain%n",
                drainS, (count - before) / totalS);
        if (count < expected && System.nanoTime() - changedNs < STILL_NS) {
            System.out.printf(Locale.ROOT, "bench ingest: the stored count was still rising after %d s; %d acknowledged events were still on their way%n",
                    MAX_DRAIN_WAIT_S, expected - count);
        }
        return count;
    }

    /** The server's {@code footfall_events_dropped_after_ack_total}, 0 when it has no such series (older servers). */
    private double droppedAfterAck() {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String text = http.send(HttpRequest.newBuilder(server.resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            return text.lines().filter(l -> l.startsWith("footfall_events_dropped_after_ack_total "))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1).strip())).sum();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private IngestBench.Result run(URI url, List<WireRequest> pool) throws InterruptedException {
        AtomicReference<LiveProgress> live = new AtomicReference<>();
        try (Poster sender = client == Client.RAW ? new RawHttpPoster(url, (int) timeout.toMillis())
                : new Sender(url, httpClients, timeout)) {
            return new IngestBench(sender, pool, connections, rate).run(warmup.toMillis(), duration.toMillis(), stop,
                    (RunStats measured) -> live.set(LiveProgress.start(measured, quiet)));
        } finally {
            if (live.get() != null) {
                live.get().close();
            }
        }
    }
}
