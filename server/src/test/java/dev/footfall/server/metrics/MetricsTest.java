package dev.footfall.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.server.RunningServer;
import dev.footfall.server.TestInfra;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} exposes Footfall's series and the JVM's, and they move with traffic. */
class MetricsTest {
    static final String UA = "Mozilla/5.0 (X11; Linux x86_64; rv:145.0) Gecko/20100101 Firefox/145.0";

    @Test
    void scrapeShowsIngestionLookupHealthHttpAndJvmSeries() {
        try (RunningServer server = RunningServer.start(TestInfra.freshConfig())) {
            for (int i = 0; i < 3; i++) {
                server.post("/api/event", "{\"n\":\"pageview\",\"u\":\"https://metrics.test/" + i + "\",\"d\":\"metrics.test\"}", "User-Agent", UA);
            }
            server.post("/api/event", "{\"n\":\"pageview\",\"u\":\"https://metrics.test/\",\"d\":\"metrics.test\"}",
                    "User-Agent", "curl/8.5.0");
            // Stored events are counted when the spool's drainer commits them.
            server.footfall().catchUp();
            HttpResponse<String> scrape = server.get("/metrics");
            assertEquals(200, scrape.statusCode());
            assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            String text = scrape.body();
            assertTrue(text.contains("footfall_events_accepted_total 3.0"), "accepted events");
            assertTrue(text.contains("footfall_spool_depth 0.0"), "spool drained");
            assertTrue(text.contains("footfall_spool_age_seconds"), "spool age");
            assertTrue(text.contains("footfall_events_dropped_total{reason=\"bot\"} 1.0"), "dropped bot");
            for (String series : List.of("footfall_batch_size_count", "footfall_batch_commit_seconds_count", "footfall_buffer_depth",
                    "footfall_spool_flush_seconds_count", "footfall_spool_flush_seconds_max", "footfall_spool_flush_records_sum", "footfall_rollup_backlog",
                    "footfall_lookup_resolved_total{layer=\"database\"}", "footfall_lookup_resolved_total{layer=\"near\"}",
                    "footfall_redis_up 1.0", "footfall_database_up 1.0",
                    "footfall_http_requests_seconds_count{route=\"/api/event\",status=\"2xx\"} 4", "jvm_memory_used_bytes",
                    "jvm_gc_pause_seconds")) {
                assertTrue(text.contains(series), "missing " + series);
            }
        }
    }

    @Test
    void unknownPathsShareOneRouteLabel() {
        assertEquals("other", MetricsService.route("/wp-admin/setup.php"));
        assertEquals("/api/v1/stats/breakdown", MetricsService.route("/api/v1/stats/breakdown"));
        assertEquals("other", MetricsService.route("/api/v1/stats/anything-else"));
        assertEquals("/health", MetricsService.route("/health/live"));
    }
}
