package dev.footfall.server.demo;

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
import dev.footfall.server.site.SiteDirectory;
import dev.footfall.server.store.BatchWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Demo data for the one-command start: three sites with 90 days of traffic written through the
 * same batch writer as live events, so rollups, visits and raw rows agree exactly. Traffic has
 * weekly seasonality, daily curves in each site's time zone, growth, realistic browser, OS,
 * device, country, source and campaign mixes, multi-page visits, bounces, engagement time and
 * custom events. Deterministic (fixed seed) so screenshots and benchmarks are repeatable.
 * Loads only into an empty database; about 250,000 events.
 */
public final class DemoData {
    private static final Logger LOG = Logger.getLogger(DemoData.class.getName());
    static final int DAYS = 90;
    static final int CHUNK = 2000;

    private final Random random = new Random(20261122L);

    private DemoData() {
    }

    /** Loads demo data on a background thread if there are no sites yet. */
    public static void loadInBackground(SiteDirectory sites, BatchWriter writer) {
        Thread.ofPlatform().name("footfall-demo").daemon(true).start(() -> {
            try {
                if (!sites.all().isEmpty()) {
                    LOG.info("demo: database has sites already, no demo data loaded");
                    return;
                }
                new DemoData().load(sites, writer, System.currentTimeMillis());
            } catch (Exception e) {
                LOG.log(Level.WARNING, "demo: loading failed: " + e.getMessage(), e);
            }
        });
    }

    /** Generates and stores {@value #DAYS} days of traffic ending at {@code nowMs}; returns the event count. */
    public long load(SiteDirectory directory, BatchWriter writer, long nowMs) throws Exception {
        long startedNs = System.nanoTime();
        List<SiteProfile> profiles = DemoProfiles.sites();
        List<Site> sites = new ArrayList<>();
        for (SiteProfile profile : profiles) {
            directory.create(profile.domain(), ZoneId.of(profile.zone()), true);
            sites.add(directory.find(profile.domain()).orElseThrow());
        }
        long events = 0;
        LocalDate today = LocalDate.now(ZoneId.of("UTC"));
        for (int d = DAYS - 1; d >= 0; d--) {
            LocalDate day = today.minusDays(d);
            List<Hit> hits = new ArrayList<>();
            for (int s = 0; s < sites.size(); s++) {
                hits.addAll(dayOfTraffic(sites.get(s), profiles.get(s), day, DAYS - 1 - d, nowMs));
            }
            hits.sort(Comparator.comparingLong(Hit::tsMs));
            for (int from = 0; from < hits.size(); from += CHUNK) {
                writer.submit(hits.subList(from, Math.min(hits.size(), from + CHUNK))).get(60, TimeUnit.SECONDS);
            }
            events += hits.size();
        }
        long ms = (System.nanoTime() - startedNs) / 1_000_000;
        long total = events;
        LOG.info(() -> "demo: " + total + " events for " + sites.size() + " sites over " + DAYS + " days loaded in " + ms + " ms");
        return events;
    }

    private List<Hit> dayOfTraffic(Site site, SiteProfile p, LocalDate day, int dayIndex, long nowMs) {
        double weekly = p.weekly().get(day.getDayOfWeek().getValue() - 1);
        double growth = 0.8 + 0.4 * dayIndex / DAYS;
        int visits = (int) Math.round(p.dailyVisits() * weekly * growth * (0.85 + 0.3 * random.nextDouble()));
        long dayStart = day.atStartOfDay(site.zone()).toInstant().toEpochMilli();
        List<Hit> hits = new ArrayList<>();
        for (int v = 0; v < visits; v++) {
            long start = dayStart + DemoProfiles.hourOfDay(random) * 3_600_000L + random.nextInt(3_600_000);
            if (start < nowMs) {
                visit(site, p, start, nowMs, hits);
            }
        }
        return hits;
    }

    private void visit(Site site, SiteProfile p, long start, long nowMs, List<Hit> out) {
        DemoProfiles.Device device = DemoProfiles.pick(random, DemoProfiles.DEVICES);
        DemoProfiles.Referral referral = DemoProfiles.pick(random, DemoProfiles.REFERRALS);
        String country = DemoProfiles.pick(random, DemoProfiles.COUNTRIES).code();
        long visitor = random.nextLong(1, Long.MAX_VALUE);
        boolean bounce = random.nextDouble() < p.bounceRate();
        int pages = bounce ? 1 : 2 + (int) Math.min(8, -Math.log(1 - random.nextDouble()) * 2);
        long ts = start;
        String page = DemoProfiles.pick(random, p.landingPages()).value();
        for (int n = 0; n < pages && ts < nowMs; n++) {
            out.add(hit(site, ts, EventKind.PAGEVIEW, "pageview", page, device, referral, country, visitor, 0, null, Map.of(), null));
            long think = 15_000 + (long) (-Math.log(1 - random.nextDouble()) * 70_000);
            if (!bounce && random.nextDouble() < p.eventRate()) {
                DemoProfiles.Goal goal = DemoProfiles.pick(random, p.goals());
                BigDecimal revenue = goal.revenue() ? BigDecimal.valueOf(10 + random.nextInt(190)) : null;
                out.add(hit(site, ts + think / 2, EventKind.CUSTOM, goal.name(), page, device, referral, country, visitor, 0,
                        null, goal.props(random), revenue));
            }
            if (ts + think < nowMs) {
                out.add(hit(site, ts + think, EventKind.ENGAGEMENT, "engagement", page, device, referral, country, visitor,
                        (int) (think - 1_000), 20 + random.nextInt(81), Map.of(), null));
            }
            ts += think + 500;
            page = DemoProfiles.pick(random, p.pages()).value();
        }
    }

    private static Hit hit(Site site, long ts, EventKind kind, String name, String page, DemoProfiles.Device d,
                           DemoProfiles.Referral r, String country, long visitor, int engagementMs, Integer scroll,
                           Map<String, String> props, BigDecimal revenue) {
        return new Hit(site, ts, kind, name, new Location(site.domain(), page), new Source(r.source(), r.referrer()),
                new Utm(r.utmSource(), r.utmMedium(), r.utmCampaign(), "", ""),
                new Software(d.browser(), d.browserVersion(), d.os(), d.osVersion(), d.type()), country,
                new Measures(d.screenWidth(), engagementMs, scroll, kind != EventKind.ENGAGEMENT),
                revenue == null ? Revenue.NONE : new Revenue(revenue, "EUR"), props, null, new Visitor(visitor, 0));
    }
}
