package dev.footfall.server.bench;

import dev.footfall.server.enrich.UserAgentParser;
import dev.footfall.server.event.Channel;
import dev.footfall.server.event.EventKind;
import dev.footfall.server.event.Hit;
import dev.footfall.server.event.Location;
import dev.footfall.server.event.Measures;
import dev.footfall.server.event.Revenue;
import dev.footfall.server.event.Software;
import dev.footfall.server.event.Source;
import dev.footfall.server.event.Utm;
import dev.footfall.server.event.Visitor;
import dev.footfall.server.lookup.DimIds;
import dev.footfall.server.lookup.Dimension;
import dev.footfall.server.lookup.HitIds;
import dev.footfall.server.rollup.RollupBooker;
import dev.footfall.server.session.VisitTracker;
import dev.footfall.server.session.VisitorHasher;
import dev.footfall.server.site.Site;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ingest hot paths that run per event inside the server: User-Agent parsing (cache hit and
 * a never-seen string), visitor hashing, and building a batch's visits and rollup deltas
 * ({@link VisitTracker#track} and {@link RollupBooker#book} over 1,000 hits with no state read
 * from Redis, so the number is the CPU cost alone).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IngestHotPaths {
    static final String UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36";

    UserAgentParser userAgents;
    VisitTracker tracker;
    List<Hit> hits;
    List<HitIds> ids;
    byte[] salt = new byte[16];
    long unseen;

    @Setup
    public void setUp() {
        userAgents = UserAgentParser.create();
        userAgents.parse(UA, 1920);
        tracker = new VisitTracker();
        Site site = new Site(1, "bench.example", ZoneId.of("Europe/Berlin"));
        long now = System.currentTimeMillis();
        hits = new ArrayList<>();
        ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            hits.add(new Hit(site, now + i, EventKind.PAGEVIEW, "pageview", new Location("bench.example", "/p" + (i % 40)),
                    new Source("Google", "google.com", Channel.ORGANIC_SEARCH), Utm.NONE, new Software("Chrome", "142", "Windows", "10", "Desktop"), "DE", null,
                    new Measures(1920, 0, null, true), Revenue.NONE, Map.of(), null, new Visitor(1 + i % 300, 0)));
            Map<Dimension, Integer> dims = new EnumMap<>(Dimension.class);
            Dimension.SINGLE.forEach(d -> dims.put(d, 1 + d.ordinal()));
            dims.put(Dimension.PAGE, 1 + i % 40);
            ids.add(new HitIds(DimIds.of(dims), List.of()));
        }
    }

    @Benchmark
    public Object userAgentCached() {
        return userAgents.parse(UA, 1920);
    }

    @Benchmark
    public Object userAgentUnseen() {
        return userAgents.parse(UA.replace("142.0.0.0", "142.0." + (unseen++ % 1_000_000) + ".0"), 1920);
    }

    @Benchmark
    public long visitorHash() {
        return VisitorHasher.hash(salt, 7, "203.0.113.9", UA);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object trackThousandHits() {
        VisitTracker.Visits visits = tracker.track(hits, ids, Map.of());
        return RollupBooker.book(visits.transitions(), Map.of());
    }
}
