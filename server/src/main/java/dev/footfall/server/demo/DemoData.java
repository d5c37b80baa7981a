package dev.footfall.server.demo;

import dev.footfall.server.goal.Funnel;
import dev.footfall.server.goal.Funnels;
import dev.footfall.server.goal.Goal;
import dev.footfall.server.goal.Goals;
import dev.footfall.server.goal.PathPattern;
import dev.footfall.server.ingest.ImportResult;
import dev.footfall.server.ingest.ImportService;
import dev.footfall.server.site.SiteDirectory;
import dev.footfall.traffic.History;
import dev.footfall.traffic.Population;
import dev.footfall.traffic.Site;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Demo data for the one-command start: three sites with 90 days of the simulator's traffic
 * ({@code dev.footfall.traffic}: its shop, blog and docs kinds with their pages, goals and
 * engagement, and its audience, devices and referrers), so the demo and {@code simulate} describe
 * the same sites. The history comes as import-format lines, as {@code simulate --backfill} posts
 * them, and is stored through {@link ImportService#importLines}, the path of
 * {@code POST /api/v1/import/events}: enriched like live events, so rollups, visits and raw rows
 * agree exactly. Deterministic (fixed seed) but for the day it ends on. Loads only into an empty
 * database: about 370,000 events in 82 s on two cores shared with other builds, nearly all of it
 * the import path (generating the lines takes about 2 s once the JIT has warmed up, 11 s cold).
 * Each site gets goals on what its kind's visitors do ({@link #GOALS}): the shop's Purchase with
 * revenue, a Signup (the kinds' newsletter signup event), pages and a 75 % scroll on a blog post,
 * so the console shows conversions on first start; the shop gets a checkout funnel on three of them
 * ({@link #FUNNELS}), so the console shows its drop-offs too.
 */
public final class DemoData {
    private static final Logger LOG = Logger.getLogger(DemoData.class.getName());
    static final int DAYS = 90;
    static final long EVENTS = 370_000;
    static final long SEED = 20261122L;
    /** Lines per import call; each call commits before the next chunk is generated. */
    static final int CHUNK_LINES = 20_000;

    /** A demo site: one of the simulator's site kinds under a domain, registered in its own time zone. */
    record DemoSite(String domain, String kind, ZoneId zone) {
    }

    static final List<DemoSite> SITES = List.of(
            new DemoSite("shop.example.com", "shop", ZoneId.of("Europe/Berlin")),
            new DemoSite("blog.example.com", "blog", ZoneId.of("America/New_York")),
            new DemoSite("docs.example.com", "docs", ZoneId.of("Asia/Kolkata")));

    /** A demo goal: {@code kind} page, event or scroll, the page pattern or event name, the threshold of a scroll goal. */
    record DemoGoal(String name, Goal.Kind kind, String target, int scrollThreshold) {
    }

    /**
     * The demo sites' goals, by domain, on the pages and events of {@code traffic}'s site kinds.
     * The page goals are on the shop's checkout and /pricing (its membership prices) and the docs'
     * getting-started page.
     */
    static final Map<String, List<DemoGoal>> GOALS = Map.of(
            "shop.example.com", List.of(
                    new DemoGoal("Purchase", Goal.Kind.EVENT, "Purchase", 0),
                    new DemoGoal("Signup", Goal.Kind.EVENT, "Newsletter Signup", 0),
                    new DemoGoal("Add to Cart", Goal.Kind.EVENT, "Add to Cart", 0),
                    new DemoGoal(null, Goal.Kind.PAGE, "/checkout", 0),
                    new DemoGoal(null, Goal.Kind.PAGE, "/pricing", 0),
                    new DemoGoal(null, Goal.Kind.SCROLL, "/blog/packing-list", 75)),
            "blog.example.com", List.of(
                    new DemoGoal("Signup", Goal.Kind.EVENT, "Newsletter Signup", 0),
                    new DemoGoal("Read 75% of a post", Goal.Kind.SCROLL, "/posts/**", 75),
                    new DemoGoal(null, Goal.Kind.EVENT, "Outbound Link: Click", 0),
                    new DemoGoal(null, Goal.Kind.PAGE, "/archive", 0)),
            "docs.example.com", List.of(
                    new DemoGoal(null, Goal.Kind.EVENT, "Copy Code", 0),
                    new DemoGoal(null, Goal.Kind.PAGE, "/getting-started", 0),
                    new DemoGoal("Read a guide", Goal.Kind.PAGE, "/guides/**", 0),
                    new DemoGoal(null, Goal.Kind.EVENT, "File Download", 0)));

    private final SiteDirectory directory;
    private final ImportService imports;
    /**
     * The demo funnels, by domain, as goal display names in step order: the shop's visitors add to
     * cart, go to the checkout page and buy, each with its own chance on every page, so a share of
     * them does all three in one visit.
     */
    static final Map<String, Map<String, List<String>>> FUNNELS = Map.of(
            "shop.example.com", Map.of("Checkout", List.of("Add to Cart", "Visit /checkout", "Purchase")));

    private final Goals goals;
    private final Funnels funnels;

    DemoData(SiteDirectory directory, ImportService imports, Goals goals, Funnels funnels) {
        this.directory = directory;
        this.imports = imports;
        this.goals = goals;
        this.funnels = funnels;
    }

    /** Loads demo data on a background thread if there are no sites yet. */
    public static void loadInBackground(SiteDirectory sites, ImportService imports, Goals goals, Funnels funnels) {
        Thread.ofPlatform().name("footfall-demo").daemon(true).start(() -> {
            try {
                if (!sites.all().isEmpty()) {
                    LOG.info("demo: database has sites already, no demo data loaded");
                    return;
                }
                new DemoData(sites, imports, goals, funnels).load(DAYS, EVENTS, System.currentTimeMillis());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "demo: loading failed: " + e.getMessage(), e);
            }
        });
    }

    /** Registers the sites and stores {@code days} days of about {@code events} events ending at {@code nowMs}; returns the events stored. */
    long load(int days, long events, long nowMs) {
        long startedNs = System.nanoTime();
        for (DemoSite site : SITES) {
            directory.create(site.domain(), site.zone(), true);
            int siteId = directory.find(site.domain()).orElseThrow().id();
            for (DemoGoal g : GOALS.getOrDefault(site.domain(), List.of())) {
                Optional<PathPattern> page = g.kind() == Goal.Kind.EVENT ? Optional.empty() : Optional.of(PathPattern.parse(g.target(), "page_path"));
                Optional<String> event = g.kind() == Goal.Kind.EVENT ? Optional.of(g.target()) : Optional.empty();
                goals.create(new Goal(0, siteId, g.kind(), g.name(), page, event, Map.of(), g.scrollThreshold()), nowMs);
            }
            Map<String, Integer> goalIds = new java.util.HashMap<>();
            goals.list(siteId).forEach(g -> goalIds.put(g.name(), g.id()));
            FUNNELS.getOrDefault(site.domain(), Map.of()).forEach((name, steps) ->
                    funnels.create(new Funnel(0, siteId, name, steps.stream().map(goalIds::get).toList()), nowMs));
        }
        List<Site> sites = SITES.stream().map(s -> Site.of(s.domain(), s.kind())).toList();
        Population population = Population.create(sites, History.visitorCount(events, days), SEED);
        long[] stored = {0};
        new History(population, SEED).generate(days, events, nowMs, CHUNK_LINES, chunk -> stored[0] += store(chunk));
        long ms = (System.nanoTime() - startedNs) / 1_000_000;
        LOG.info(() -> "demo: " + stored[0] + " events for " + sites.size() + " sites over " + days + " days loaded in " + ms + " ms");
        return stored[0];
    }

    private long store(History.Chunk chunk) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(chunk.ndjson()), StandardCharsets.UTF_8));
        ImportResult result;
        try {
            result = imports.importLines(lines, false);
        } catch (IOException e) {
            throw new UncheckedIOException("demo: cannot read a generated chunk", e);
        }
        if (result.stoppedAt() != null) {
            ImportResult.LineError e = result.stoppedAt();
            throw new IllegalStateException("demo: day " + chunk.day() + ", line " + e.line() + ": " + e.field() + ": " + e.error());
        }
        return result.accepted();
    }
}
