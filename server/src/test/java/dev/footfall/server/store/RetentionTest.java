package dev.footfall.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.footfall.server.RunningServer;
import dev.footfall.server.TestInfra;
import dev.footfall.server.event.EventKind;
import dev.footfall.server.event.Hit;
import dev.footfall.server.event.Location;
import dev.footfall.server.event.Measures;
import dev.footfall.server.event.Revenue;
import dev.footfall.server.event.Software;
import dev.footfall.server.event.Source;
import dev.footfall.server.event.Utm;
import dev.footfall.server.event.Visitor;
import dev.footfall.server.site.Site;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The retention job deletes exactly the raw rows older than the period and keeps every rollup. */
class RetentionTest {
    static final long DAY_MS = Duration.ofDays(1).toMillis();

    @Test
    void deletesExactlyWhatIsOlderThanThePeriod() throws Exception {
        try (RunningServer server = RunningServer.start(TestInfra.freshConfig())) {
            server.footfall().sites().create("retention.test", ZoneId.of("UTC"), false);
            server.footfall().sites().create("other.test", ZoneId.of("Europe/Berlin"), false);
            Site a = server.footfall().sites().find("retention.test").orElseThrow();
            Site b = server.footfall().sites().find("other.test").orElseThrow();
            long now = System.currentTimeMillis();
            long cutoff = now - 30 * DAY_MS;
            List<Hit> hits = new ArrayList<>();
            long[] ages = {45 * DAY_MS, 31 * DAY_MS, 30 * DAY_MS + 1, 30 * DAY_MS - 60_000, 29 * DAY_MS, DAY_MS, 0};
            for (long age : ages) {
                hits.add(pageview(a, now - age, age + 1));
                hits.add(pageview(b, now - age, age + 2));
            }
            server.footfall().writer().submit(hits).get(30, TimeUnit.SECONDS);
            long old = server.count("SELECT COUNT(*) FROM events WHERE ts < ?", cutoff);
            assertEquals(6L, old, "three ages past the cutoff on each of two sites");
            Map<String, Object> rollupsBefore = server.row("SELECT SUM(pageviews) p, SUM(visits) v FROM rollup_daily WHERE dim = 0");

            long deleted = new Retention(server.footfall().dataSource(), server.footfall().sites(), Duration.ofDays(30)).run(now);

            assertEquals(6L, deleted);
            assertEquals(0L, server.count("SELECT COUNT(*) FROM events WHERE ts < ?", cutoff));
            assertEquals(8L, server.count("SELECT COUNT(*) FROM events"));
            assertEquals(0L, server.count("SELECT COUNT(*) FROM visits WHERE start_ts < ?", cutoff));
            assertEquals(8L, server.count("SELECT COUNT(*) FROM visits"));
            assertEquals(rollupsBefore, server.row("SELECT SUM(pageviews) p, SUM(visits) v FROM rollup_daily WHERE dim = 0"),
                    "rollups keep the history");
        }
    }

    private static Hit pageview(Site site, long ts, long visitor) {
        return new Hit(site, ts, EventKind.PAGEVIEW, "pageview", new Location(site.domain(), "/"), Source.NONE, Utm.NONE,
                new Software("Firefox", "145", "Linux", "Unknown", "Desktop"), "DE", null, new Measures(1280, 0, null, true), Revenue.NONE,
                Map.of(), null, new Visitor(visitor, 0));
    }
}
