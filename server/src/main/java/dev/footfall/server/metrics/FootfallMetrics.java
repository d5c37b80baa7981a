package dev.footfall.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Footfall's own Prometheus series (all prefixed {@code footfall_}) plus the JVM's, in one
 * Micrometer registry that {@code GET /metrics} scrapes. Components record through the methods
 * here, so series names live in one place. Recording costs a counter increment (tens of ns).
 */
public final class FootfallMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter accepted;
    private final Counter droppedAfterAck;
    private final Counter quarantined;
    /** Dropped-event counters per reason; reasons are a small closed set (bot, unknown site, …). */
    private final ConcurrentMap<String, Counter> dropped = new ConcurrentHashMap<>();
    /** Counters of {@code /api/session} events whose sent timestamp was not used, per reason (stale, future, unparseable). */
    private final ConcurrentMap<String, Counter> timestampFallbacks = new ConcurrentHashMap<>();
    /** Lookup counters per layer (near, redis, database). */
    private final ConcurrentMap<String, Counter> lookups = new ConcurrentHashMap<>();
    /** HTTP timers per route and status class. */
    private final ConcurrentMap<String, Timer> http = new ConcurrentHashMap<>();
    private final DistributionSummary batchSize;
    private final Timer commit;
    private final Counter batchFailures;
    private final Timer spoolFlush;
    private final DistributionSummary spoolFlushRecords;

    public FootfallMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        accepted = Counter.builder("footfall.events.accepted").description("Events committed").register(registry);
        droppedAfterAck = Counter.builder("footfall.events.dropped.after.ack")
                .description("Events acknowledged from the spool, then dropped when drained").register(registry);
        quarantined = Counter.builder("footfall.spool.quarantined")
                .description("Spool records set aside because they can never be stored (kept in the spool's quarantine folder)")
                .register(registry);
        spoolFlush = Timer.builder("footfall.spool.flush").description("Time of one spool write and fsync (group commit)")
                .publishPercentiles(0.5, 0.99).register(registry);
        spoolFlushRecords = DistributionSummary.builder("footfall.spool.flush.records").description("Records made durable by one fsync")
                .publishPercentiles(0.5, 0.99).register(registry);
        batchSize = DistributionSummary.builder("footfall.batch.size").description("Events per committed batch")
                .publishPercentiles(0.5, 0.99).register(registry);
        commit = Timer.builder("footfall.batch.commit").description("Time to store and commit one batch")
                .publishPercentiles(0.5, 0.95, 0.99).register(registry);
        batchFailures = Counter.builder("footfall.batch.failures").description("Batches that could not be committed").register(registry);
    }

    public void accepted(int events) {
        accepted.increment(events);
    }

    public void dropped(String reason) {
        dropped(reason, 1);
    }

    /**
     * Events acknowledged from the spool and then dropped when drained (a duplicate through
     * another server, an engagement report with no open visit): counted in {@link #dropped} too,
     * and here, so "stored == acknowledged - these" can be checked from outside.
     */
    public void droppedAfterAcknowledgement(int events) {
        droppedAfterAck.increment(events);
    }

    public void spoolRecordQuarantined() {
        quarantined.increment();
    }

    public void dropped(String reason, int events) {
        dropped.computeIfAbsent(reason, r -> Counter.builder("footfall.events.dropped").tag("reason", r)
                .description("Events deliberately not stored").register(registry)).increment(events);
    }

    /** Counts an event in the replaced system's format stored at the receive time instead of its sent one. */
    public void timestampFallback(String reason) {
        timestampFallbacks.computeIfAbsent(reason, r -> Counter.builder("footfall.session.timestamp.fallbacks").tag("reason", r)
                .description("Events of /api/session stored at the receive time, not their sent timestamp").register(registry)).increment();
    }

    public void batchCommitted(int events, long nanos) {
        batchSize.record(events);
        commit.record(Duration.ofNanos(nanos));
    }

    public void batchFailed() {
        batchFailures.increment();
    }

    /** Counts lookups answered by one layer: {@code near}, {@code redis} or {@code database}. */
    public void lookups(String layer, int count) {
        if (count > 0) {
            lookups.computeIfAbsent(layer, l -> Counter.builder("footfall.lookup.resolved").tag("layer", l)
                    .description("Dimension ids resolved, by the cache layer that answered").register(registry)).increment(count);
        }
    }

    public void httpRequest(String route, int status, long nanos) {
        String statusClass = (status / 100) + "xx";
        http.computeIfAbsent(route + " " + statusClass, k -> Timer.builder("footfall.http.requests").tag("route", route)
                .tag("status", statusClass).description("HTTP request latency by route")
                .publishPercentiles(0.5, 0.95, 0.99).register(registry)).record(Duration.ofNanos(nanos));
    }

    public void bufferDepth(IntSupplier depth) {
        Gauge.builder("footfall.buffer.depth", depth::getAsInt).description("Events waiting for a batch").register(registry);
    }

    /** The local spool: acknowledged events not yet in MySQL, their bytes, and the age of the oldest. */
    public void spool(LongSupplier records, LongSupplier bytes, LongSupplier oldestAgeMs) {
        Gauge.builder("footfall.spool.depth", records::getAsLong).description("Acknowledged events not yet committed to MySQL")
                .register(registry);
        Gauge.builder("footfall.spool.bytes", bytes::getAsLong).description("Bytes of the spool not yet drained").register(registry);
        Gauge.builder("footfall.spool.age.seconds", () -> oldestAgeMs.getAsLong() / 1000.0)
                .description("Age of the oldest undrained spool record").register(registry);
    }

    /**
     * One write and fsync of the spool's flusher: how long it took ({@code footfall_spool_flush_seconds},
     * with p50, p99 and max: an acknowledgement waits for up to two of them) and how many records
     * it made durable ({@code footfall_spool_flush_records}).
     */
    public void spoolFlushed(int records, long nanos) {
        spoolFlush.record(nanos, TimeUnit.NANOSECONDS);
        spoolFlushRecords.record(records);
    }

    /** Rollup delta log rows not yet folded; NaN while the database does not answer. */
    public void rollupBacklog(LongSupplier rows) {
        Gauge.builder("footfall.rollup.backlog", () -> {
            try {
                return rows.getAsLong();
            } catch (RuntimeException databaseDown) {
                return Double.NaN;
            }
        }).description("Rollup delta log rows not yet folded into the rollup tables").register(registry);
    }

    /** Batches that found a visitor locked by another server's batch and waited their turn. */
    public void visitorLockWaits(LongSupplier waits) {
        // Micrometer holds a function counter's object weakly: this registry's owner, not the lambda.
        FunctionCounter.builder("footfall.visitor.lock.waits", this, metrics -> waits.getAsLong())
                .description("Batches that waited for another batch's visitor locks").register(registry);
    }

    public void health(String component, BooleanSupplier up) {
        Gauge.builder("footfall." + component + ".up", () -> up.getAsBoolean() ? 1 : 0)
                .description(component + " reachable (1) or not (0)").register(registry);
    }

    /** The Prometheus text exposition of every series. */
    public String scrape() {
        return registry.scrape();
    }
}
