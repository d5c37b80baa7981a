package dev.footfall.load.simulate;

import dev.footfall.load.DurationText;
import dev.footfall.load.Rate;
import dev.footfall.load.http.Sender;
import dev.footfall.load.stats.LiveProgress;
import dev.footfall.load.stats.Progress;
import dev.footfall.load.stats.RunStats;
import dev.footfall.load.wire.WireFormat;
import dev.footfall.traffic.History;
import dev.footfall.traffic.Population;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code simulate}: realistic visits to {@code site1.example} … at a set rate until the
 * duration ends or Ctrl-C; a shutdown hook stops the ticker, waits for requests in flight and
 * lets the summary print before the JVM exits.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Send realistic visits (pageviews, SPA navigations, custom events, engagement) at a set rate.",
                "Per-visitor IPs go in X-Forwarded-For: run the server with FOOTFALL_TRUSTED_PROXIES=127.0.0.1/32,::1,",
                "otherwise all visitors share the loopback address and differ only by user agent."})
public final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--server", defaultValue = "http://localhost:8080", description = "Footfall server. Default: ${DEFAULT-VALUE}.")
    URI server;

    @Option(names = "--sites", defaultValue = "8", description = "Number of sites, named site1.example … Default: ${DEFAULT-VALUE}.")
    int sites;

    @Option(names = "--visitors", defaultValue = "500", description = "Number of distinct visitors. Default: ${DEFAULT-VALUE}.")
    int visitors;

    @Option(names = "--rate", defaultValue = "5/s", converter = Rate.Converter.class,
            description = "Events per second (or /m, /h). Default: ${DEFAULT-VALUE}.")
    Rate rate;

    @Option(names = "--duration", converter = DurationText.Converter.class,
            description = "Stop after this long (30s, 5m, 1h); default: until Ctrl-C.")
    Duration duration;

    @Option(names = "--format", defaultValue = "event",
            description = "event (POST /api/event, every kind of event) or session (POST /api/session, pageviews only). Default: ${DEFAULT-VALUE}.")
    WireFormat format;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the population and visits. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--max-in-flight", defaultValue = "1024", description = "Requests in flight at most. Default: ${DEFAULT-VALUE}.")
    int maxInFlight;

    @Option(names = "--timeout", defaultValue = "30s", converter = DurationText.Converter.class,
            description = "Per-request timeout. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--quiet", description = "No live progress line, only the summary.")
    boolean quiet;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--backfill", converter = DurationText.Converter.class,
            description = {"Instead of live traffic: write this much history (90d) ending now through POST /api/v1/import/events",
                    "(needs an admin --token). The population grows to about one visitor per two events a day."})
    Duration backfill;

    @Option(names = "--events", defaultValue = "100000", description = "With --backfill: events in total, about. Default: ${DEFAULT-VALUE}.")
    long events;

    @Option(names = "--token", defaultValue = "${env:FOOTFALL_ADMIN_TOKEN}",
            description = "With --backfill: an admin API token. Default: $FOOTFALL_ADMIN_TOKEN.")
    String token;

    @Option(names = "--chunk-lines", defaultValue = "20000", description = "With --backfill: events per import request. Default: ${DEFAULT-VALUE}.")
    int chunkLines;

    @Option(names = "--site-timezone", defaultValue = "Europe/Berlin",
            description = "With --backfill: time zone of the sites it registers. Default: ${DEFAULT-VALUE}.")
    String siteTimezone;

    @Override
    public Integer call() throws Exception {
        if (backfill != null) {
            return backfill();
        }
        Population population = Population.create(sites, visitors, seed);
        RunStats stats = new RunStats();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch summarised = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                summarised.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "simulate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.printf("simulate: %d sites, %d visitors, %s, format %s → %s%s%n", sites, visitors, rate,
                format.name().toLowerCase(java.util.Locale.ROOT), server,
                duration == null ? " (Ctrl-C to stop)" : " for " + DurationText.format(duration));
        long start = System.nanoTime();
        try (Sender sender = new Sender(server, 1, timeout)) {
            long end = duration == null ? start + Long.MAX_VALUE / 2 : start + duration.toNanos();
            LiveProgress live = LiveProgress.start(stats, quiet);
            try {
                new Simulator(population, format, sender, stats, rate, seed, maxInFlight).run(end, stop, 10_000);
            } finally {
                live.close();
            }
            System.out.println(Progress.summary("simulate: summary", stats, System.nanoTime() - start));
        } finally {
            summarised.countDown();
            removeHook(hook);
        }
        return stats.counts().acknowledged() > 0 || stats.counts().total() == 0 ? 0 : 1;
    }

    private int backfill() throws Exception {
        int days = (int) Math.max(1, backfill.toDays());
        if (token == null || token.isBlank()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--backfill needs --token (an admin token)");
        }
        int population = Math.max(visitors, History.visitorCount(events, days));
        System.out.printf("backfill: %,d events over %d days, %d sites, %,d visitors → %s%n", events, days, sites, population, server);
        Backfill.Result r = new Backfill(server, token.strip(), siteTimezone, System.out)
                .run(Population.create(sites, population, seed), days, events, chunkLines, seed);
        System.out.printf("backfill: summary: %,d lines, %,d accepted, %,d dropped, %,d rejected in %.1f s: %,.0f events/s%n", r.lines(),
                r.accepted(), r.dropped(), r.rejected(), r.elapsedNanos() / 1e9, r.eventsPerSecond());
        return r.rejected() == 0 && r.accepted() > 0 ? 0 : 1;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is running and waits for the summary printed above.
        }
    }
}
