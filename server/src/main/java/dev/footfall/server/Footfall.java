package dev.footfall.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.footfall.dbinit.Migrations;
import dev.footfall.server.api.CompatService;
import dev.footfall.server.api.HealthService;
import dev.footfall.server.api.OpenApiService;
import dev.footfall.server.api.FunnelsService;
import dev.footfall.server.api.GoalsService;
import dev.footfall.server.api.SitesService;
import dev.footfall.server.api.QueryV2Service;
import dev.footfall.server.api.StatsService;
import dev.footfall.server.auth.ApiTokens;
import dev.footfall.server.auth.Authenticator;
import dev.footfall.server.cache.KeyMigration;
import dev.footfall.server.cache.RedisGuard;
import dev.footfall.server.cache.RedisTopology;
import dev.footfall.server.cache.StateStore;
import dev.footfall.server.config.FootfallConfig;
import dev.footfall.server.embedded.EmbeddedMariaDb;
import dev.footfall.server.embedded.EmbeddedRedis;
import dev.footfall.server.event.Outcome;
import dev.footfall.server.enrich.ClientIpResolver;
import dev.footfall.server.enrich.CountryResolver;
import dev.footfall.server.enrich.CountryResolvers;
import dev.footfall.server.enrich.ReferrerClassifier;
import dev.footfall.server.enrich.UserAgentParser;
import dev.footfall.server.goal.Funnels;
import dev.footfall.server.goal.Goals;
import dev.footfall.server.http.BehindHeader;
import dev.footfall.server.http.ErrorMapping;
import dev.footfall.server.http.JsonBodies;
import dev.footfall.server.ingest.Enrichment;
import dev.footfall.server.ingest.EventIngestor;
import dev.footfall.server.ingest.ImportService;
import dev.footfall.server.ingest.IngestService;
import dev.footfall.server.ingest.RateLimiter;
import dev.footfall.server.ingest.Tally;
import dev.footfall.server.lookup.DimensionLookup;
import dev.footfall.server.metrics.FootfallMetrics;
import dev.footfall.server.metrics.MetricsService;
import dev.footfall.server.query.CompatQueries;
import dev.footfall.server.query.QueryV2Engine;
import dev.footfall.server.query.StatsEngine;
import dev.footfall.server.rollup.FactBackfill;
import dev.footfall.server.rollup.FactIndexes;
import dev.footfall.server.rollup.GoalDays;
import dev.footfall.server.rollup.GoalFill;
import dev.footfall.server.rollup.RollupFolder;
import dev.footfall.server.session.Salts;
import dev.footfall.server.session.VisitTracker;
import dev.footfall.server.session.VisitorHasher;
import dev.footfall.server.site.SiteDirectory;
import dev.footfall.server.spool.SpoolSettings;
import dev.footfall.server.store.BatchProcessor;
import dev.footfall.server.store.BatchWriter;
import dev.footfall.server.store.EventStore;
import dev.footfall.server.store.Retention;
import dev.footfall.server.store.SpooledIngest;
import dev.footfall.server.tracker.TrackerService;
import io.helidon.common.mapper.MapperManager;
import io.helidon.webserver.http.HttpRouting;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;

/**
 * One running Footfall instance: builds the data source, the Redisson client and every service
 * once, from a validated {@link FootfallConfig}, and passes them on through constructors. In
 * embedded mode it first starts MariaDB and Redis itself. {@link #routing} is what {@code Cli}
 * serves and what tests reuse; {@link #close} stops everything in reverse order, committing
 * buffered events first.
 */
public final class Footfall implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Footfall.class.getName());

    /*
     * Helidon 4.4 looks the global MapperManager up in its service registry on every typed header
     * read unless one was set, and its HTTP/1 connection reads Content-Length that way for every
     * request: 10 % of the server's CPU under load (docs/benchmarks-history.md). Setting the same manager
     * once, before the first request, makes that a field read.
     */
    static {
        MapperManager.global(MapperManager.create());
    }

    /** A scheduled job: what it does (for logs), the work, and how often. */
    record Job(String description, Runnable task, Duration period) {
    }

    private static final long CATCH_UP_MS = 10_000;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final FootfallConfig config;
    private final HikariDataSource dataSource;
    private final RedissonClient redisson;
    private final SiteDirectory sites;
    /** Where imports and demo data are committed, chunk by chunk. */
    private final BatchWriter writer;
    /** Where live events are acknowledged from; closed after the writer's users, before the folder. */
    private final SpooledIngest spool;
    /** Folds the writer's rollup delta log; closed after the writer, so the last batches are folded too. */
    private final RollupFolder rollups;
    private final JsonBodies bodies = new JsonBodies();
    private final FootfallMetrics metrics = new FootfallMetrics();
    private final ScheduledExecutorService jobs;

    private final IngestService ingest;
    private final ImportService imports;
    private final StatsService stats;
    private final QueryV2Service queryV2;
    private final SitesService sitesService;
    private final GoalsService goalsService;
    private final Goals goals;
    private final FunnelsService funnelsService;
    private final Funnels funnels;
    private final CompatService compat;
    private final OpenApiService openApi = new OpenApiService();
    private final HealthService health;
    private final MetricsService metricsService = new MetricsService(metrics);
    private final TrackerService tracker = TrackerService.fromClasspath();

    private Footfall(FootfallConfig config, boolean serving) {
        this.config = config;
        String jdbcUrl = config.mysqlUrl();
        String user = config.mysqlUser();
        String password = config.mysqlPassword();
        if (config.embeddedDatabase()) {
            EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start(config.dataDir());
            closeables.add(mariaDb);
            if (serving) {
                mariaDb.lowerPriority(config.spool().drainNice());
            }
            jdbcUrl = mariaDb.jdbcUrl(EmbeddedMariaDb.DATABASE);
            user = "root";
            password = "";
        }
        String redisUrl = config.redisUrl();
        if (config.embeddedRedis()) {
            EmbeddedRedis redis = EmbeddedRedis.start();
            closeables.add(redis);
            redisUrl = redis.url();
        }
        this.dataSource = dataSource(jdbcUrl, user, password);
        closeables.add(dataSource);
        int applied = Migrations.of(dataSource).migrate();
        LOG.info(() -> "store: schema at version " + Migrations.of(dataSource).currentVersion() + " (" + applied + " applied now)");
        RedisTopology topology = RedisTopology.parse(redisUrl);
        this.redisson = Redisson.create(topology.redissonConfig());
        closeables.add(redisson::shutdown);
        KeyMigration.startIfNeeded(redisson, topology);

        // Clients and shared pieces, each built once.
        RedisGuard redis = new RedisGuard(redisson);
        StateStore state = new StateStore(redis);
        Salts salts = new Salts(dataSource);
        VisitorHasher hasher = new VisitorHasher(salts);
        this.sites = new SiteDirectory(dataSource);
        ClientIpResolver clientIps = ClientIpResolver.of(config.trustedProxies());
        ApiTokens tokens = new ApiTokens(dataSource);
        if (!config.adminToken().isBlank()) {
            tokens.bootstrapAdmin(config.adminToken().strip());
        }
        Authenticator auth = new Authenticator(tokens, sites);

        // The write side, in the order an event flows.
        CountryResolver countries = config.geoIpDb().map(CountryResolvers::geoIp).orElseGet(CountryResolvers::bundled);
        Enrichment enrichment = new Enrichment(UserAgentParser.create(), ReferrerClassifier.create(), countries, clientIps, hasher);
        EventIngestor ingestor = new EventIngestor(sites, enrichment, config.autoSites());
        this.rollups = new RollupFolder(dataSource, Duration.ofMillis(config.writer().rollupFoldMs()), config.spool().drainNice());
        closeables.add(rollups);
        BatchProcessor processor = new BatchProcessor(state, new DimensionLookup(dataSource, redis, metrics), new VisitTracker(),
                new EventStore(dataSource));
        this.writer = new BatchWriter(processor, config.writer(), metrics);
        closeables.add(writer);
        // Only a serving instance owns the spool (a command run beside a server must not drain it too).
        this.spool = serving ? SpooledIngest.open(config.spool().dir(), SpoolSettings.ofMaxBytes(config.spool().maxBytes(), config.spool().groupCommitMicros()), dataSource,
                processor, metrics, config.writer().batchSize(), config.spool().drainNice(), this::countDrained) : null;
        if (spool != null) {
            closeables.add(spool);
        }
        this.ingest = new IngestService(ingestor, spool, new RateLimiter(redis, config.rateLimit()), clientIps, hasher, bodies,
                config.writer().commitTimeoutMs(), metrics);
        this.imports = new ImportService(ingestor, writer, auth, bodies, metrics);

        // The read side.
        this.goals = new Goals(dataSource);
        this.funnels = new Funnels(dataSource);
        StatsEngine engine = new StatsEngine(dataSource, Clock.systemUTC(), this::catchUp, goals, funnels);
        this.stats = new StatsService(engine, auth, bodies);
        this.queryV2 = new QueryV2Service(new QueryV2Engine(dataSource, Clock.systemUTC(), this::catchUp), auth, bodies);
        this.sitesService = new SitesService(sites, auth, bodies);
        this.goalsService = new GoalsService(goals, engine, auth, bodies, Clock.systemUTC());
        this.funnelsService = new FunnelsService(funnels, goals, auth, bodies, Clock.systemUTC());
        this.compat = new CompatService(sites, new CompatQueries(dataSource, this::catchUp), engine, auth, bodies);
        this.health = new HealthService(dataSource, redis, bodies);

        metrics.health("redis", redis::healthy);
        metrics.visitorLockWaits(state::lockWaits);
        metrics.health("database", health::databaseUp);
        // Asked only while the database answers, so a scrape during an outage takes a second, not a pool timeout.
        metrics.rollupBacklog(() -> {
            if (!health.databaseUp()) {
                throw new IllegalStateException("rollups: the database is down");
            }
            return rollups.pending();
        });

        this.jobs = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("footfall-jobs").daemon(true).factory());
        closeables.add(jobs::shutdownNow);
        List<Job> jobList = new ArrayList<>();
        FactBackfill facts = new FactBackfill(dataSource);
        jobList.add(new Job("fill the visit facts of events stored before V12", () -> facts.run(10_000), Duration.ofSeconds(1)));
        FactIndexes factIndexes = new FactIndexes(dataSource);
        // Once, after the first fill step: the build holds this thread for as long as it takes (seconds on a big history).
        jobList.add(new Job("build the visit facts' indexes", factIndexes::run, Duration.ofMinutes(1)));
        GoalFill goalFill = new GoalFill(dataSource);
        jobList.add(new Job("fill the goal facts of goals created or changed", () -> goalFill.run(10_000), Duration.ofSeconds(1)));
        GoalDays goalDays = new GoalDays(dataSource, Clock.systemUTC());
        jobList.add(new Job("build the daily goal rows and delete dropped goals' rows", () -> goalDays.run(10_000), Duration.ofSeconds(5)));
        jobList.add(new Job("delete visitor salts older than yesterday", () -> salts.deleteOld(System.currentTimeMillis()), Duration.ofHours(1)));
        if (config.retentionDays() > 0) {
            Retention retention = new Retention(dataSource, sites, Duration.ofDays(config.retentionDays()));
            jobList.add(new Job("delete raw events past the retention period", () -> retention.run(System.currentTimeMillis()),
                    Duration.ofHours(1)));
        }
        schedule(jobList);
    }

    /** Starts an instance to serve HTTP; embedded databases start first when the configuration asks for them. */
    public static Footfall start(FootfallConfig config) {
        return new Footfall(config, true);
    }

    /** Starts an instance for a command ({@code migrate}, {@code token}): everything but the spool, and no routes. */
    public static Footfall forCommand(FootfallConfig config) {
        return new Footfall(config, false);
    }

    /** Every route of the server, in one table; what {@code Cli} serves and what tests reuse. */
    public void routing(HttpRouting.Builder routing) {
        if (spool == null) {
            throw new IllegalStateException("footfall: an instance started for a command serves no routes");
        }
        routing.addFilter(metricsService.timingFilter())
                .addFilter(new BehindHeader(List.of("/api/v1/stats", "/api/v2/query", "/analytics"),   // reports say when they miss events
                        spool::mark, spool::missingSince, spool::ageSeconds).filter())
                .register("/api", ingest)                   // POST /api/event, /api/session (CORS open)
                .register("/api/v1/import", imports)        // POST /api/v1/import/events (admin token)
                .register("/api/v1/stats", stats)           // GET aggregate, timeseries, breakdown, funnel, realtime/visitors
                .register("/api/v1/sites", goalsService)    // GET/POST /{domain}/goals, PATCH/DELETE /{domain}/goals/{id}
                .register("/api/v1/sites", funnelsService)  // GET/POST /{domain}/funnels, PATCH/DELETE /{domain}/funnels/{id}
                .register("/api/v2/query", queryV2)         // POST a Plausible v2 query
                .register("/api/v1/sites", sitesService)    // GET/POST sites, PATCH/DELETE /{domain}, GET /{domain}/snippet
                .register("/analytics", compat)             // GET domains, visits, browsers, devices (the replaced dashboard)
                .register("/openapi", openApi)              // GET the API description
                .register("/metrics", metricsService)       // GET Prometheus text
                .register("/health", health)                // GET /, /ready, /live
                .register("/", tracker);                    // GET /tracker.js, /js/tracker.<hash>.js, /tracker-demo.html
        ErrorMapping.register(routing, bodies, IngestService.PATHS);
    }

    /** Counts a drained batch's outcomes; its drops were acknowledged already, so they are counted as such too. */
    private void countDrained(List<Outcome> outcomes) {
        Tally tally = Tally.of(outcomes).reportTo(metrics);
        int dropped = outcomes.size() - tally.accepted();
        if (dropped > 0) {
            metrics.droppedAfterAcknowledgement(dropped);
        }
    }

    /**
     * Returns once every event acknowledged before the call is in MySQL and in the rollup tables
     * (at most {@value #CATCH_UP_MS} ms for the spool, as during a database outage): what a
     * report waits for, so it includes every acknowledged event.
     */
    public void catchUp() {
        if (spool != null) {
            spool.awaitDrained(CATCH_UP_MS);
        }
        rollups.catchUp();
    }

    public FootfallConfig config() {
        return config;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Goals goals() {
        return goals;
    }

    public Funnels funnels() {
        return funnels;
    }

    public SiteDirectory sites() {
        return sites;
    }

    public RollupFolder rollups() {
        return rollups;
    }

    public BatchWriter writer() {
        return writer;
    }

    /** The spool live events are acknowledged from; null for an instance that does not serve. */
    public SpooledIngest spool() {
        return spool;
    }

    public ImportService imports() {
        return imports;
    }

    private void schedule(List<Job> list) {
        for (Job job : list) {
            long periodMs = job.period().toMillis();
            jobs.scheduleAtFixedRate(() -> {
                try {
                    job.task().run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "jobs: " + job.description() + " failed: " + e.getMessage(), e);
                }
            }, 0, periodMs, TimeUnit.MILLISECONDS);
        }
    }

    private static HikariDataSource dataSource(String jdbcUrl, String user, String password) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("footfall-db");
        hikari.setJdbcUrl(jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?")
                + "useSSL=false&allowPublicKeyRetrieval=true&cachePrepStmts=true&prepStmtCacheSize=256"
                + "&prepStmtCacheSqlLimit=65536&useServerPrepStmts=false&rewriteBatchedStatements=true"
                + "&characterEncoding=UTF-8&connectionTimeZone=UTC");
        hikari.setUsername(user);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(16);
        hikari.setConnectionTimeout(5_000);
        hikari.setInitializationFailTimeout(30_000);
        return new HikariDataSource(hikari);
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                LOG.warning("shutdown: " + e.getMessage());
            }
        }
    }
}
