package dev.footfall.server.query;

import dev.footfall.server.Footfall;
import dev.footfall.server.event.Channel;
import dev.footfall.server.event.EventKind;
import dev.footfall.server.event.Hit;
import dev.footfall.server.event.Location;
import dev.footfall.server.event.Measures;
import dev.footfall.server.event.Place;
import dev.footfall.server.event.Revenue;
import dev.footfall.server.event.Software;
import dev.footfall.server.event.Source;
import dev.footfall.server.event.Utm;
import dev.footfall.server.event.Visitor;
import dev.footfall.server.site.Site;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Random but reproducible traffic written through the real batch writer: people with a fixed
 * browser, OS, device, country, region and city visit on random days, one to three visits a day, with one to
 * six pages, custom events with props, engagement reports, bounces and visits that start just
 * before local midnight. A person's visitor id changes with the UTC day, as the daily salt does,
 * and the previous day's id is passed on, as the hasher does.
 */
final class RandomTraffic {
    static final List<String> PAGES = List.of("/", "/pricing", "/blog", "/blog/a", "/blog/b", "/docs", "/docs/setup", "/about");
    static final List<String> SOURCES = List.of("Google", "Direct / None", "Reddit", "newsletter");
    static final List<String> BROWSERS = List.of("Chrome", "Firefox", "Safari");
    static final List<String> OSES = List.of("Windows", "Linux", "iOS");
    static final List<String> DEVICES = List.of("Desktop", "Mobile", "Tablet");
    static final List<String> COUNTRIES = List.of("DE", "IN", "AU", "US", "");
    /** Places of each of {@link #COUNTRIES}: two cities sharing a region, a region without a city, none for "". */
    static final Map<String, List<Place>> PLACES = Map.of(
            "DE", List.of(new Place("DE-BY", "Bavaria", "2867714", "Munich"), new Place("DE-BY", "Bavaria", "2861650", "Nuremberg"),
                    new Place("DE-BE", "Berlin", "2950159", "Berlin")),
            "IN", List.of(new Place("IN-MH", "Maharashtra", "1275339", "Mumbai"), new Place("IN-KA", "Karnataka", "", "")),
            "AU", List.of(new Place("AU-NSW", "New South Wales", "2147714", "Sydney")),
            "US", List.of(new Place("US-NY", "New York", "5128581", "New York"), new Place("US-MA", "Massachusetts", "4930956", "Boston")),
            "", List.of(Place.NONE));

    private final Random random;
    /** Adds purchases with revenue (in EUR, and in USD when {@code currencies} says so) and varied scroll depths, for goal reports. */
    private final List<String> currencies;

    RandomTraffic(long seed) {
        this(seed, List.of());
    }

    /** Traffic for goal reports: the same visits plus purchases paid in one of {@code currencies}, and scroll depths of 1 to 100 %. */
    RandomTraffic(long seed, List<String> currencies) {
        this.random = new Random(seed);
        this.currencies = List.copyOf(currencies);
    }

    /** Writes about {@code peoplePerDay} people a day over the days into {@code site}; returns the hit count. */
    int write(Footfall footfall, Site site, LocalDate from, LocalDate to, int peoplePerDay) throws Exception {
        List<Hit> hits = new ArrayList<>();
        int people = peoplePerDay * 3;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            for (int p = 0; p < peoplePerDay; p++) {
                int person = random.nextInt(people);
                int visits = 1 + random.nextInt(random.nextInt(4) == 0 ? 3 : 1);
                for (int v = 0; v < visits; v++) {
                    boolean lateNight = random.nextInt(8) == 0;
                    int minute = lateNight ? 23 * 60 + 40 + random.nextInt(19) : random.nextInt(24 * 60);
                    long start = day.atStartOfDay(site.zone()).plusMinutes(minute).toInstant().toEpochMilli();
                    visit(hits, site, person, start);
                }
            }
        }
        hits.sort(Comparator.comparingLong(Hit::tsMs));
        for (int i = 0; i < hits.size(); i += 500) {
            footfall.writer().submit(hits.subList(i, Math.min(hits.size(), i + 500))).get(60, TimeUnit.SECONDS);
        }
        return hits.size();
    }

    /** A new site {@code domain} in {@code zone} with {@code peoplePerDay} people a day of this seed's traffic from {@code from} to {@code to}. */
    static Site site(Footfall footfall, String domain, ZoneId zone, long seed, LocalDate from, LocalDate to, int peoplePerDay) throws Exception {
        footfall.sites().create(domain, zone, false);
        Site site = footfall.sites().find(domain).orElseThrow();
        new RandomTraffic(seed).write(footfall, site, from, to, peoplePerDay);
        return site;
    }

    private void visit(List<Hit> hits, Site site, int person, long start) {
        int pages = random.nextInt(3) == 0 ? 1 : 1 + random.nextInt(6);
        String source = pick(SOURCES);
        String campaign = source.equals("newsletter") ? "launch" : "";
        Channel channel = switch (source) {
            // Not from the random stream, so the traffic of every other dimension stays as it was.
            case "Google" -> Math.floorMod(start, 3L) == 0 ? Channel.PAID_SEARCH : Channel.ORGANIC_SEARCH;
            case "Reddit" -> Channel.ORGANIC_SOCIAL;
            case "newsletter" -> Channel.EMAIL;
            default -> Channel.DIRECT;
        };
        long ts = start;
        for (int i = 0; i < pages; i++) {
            String page = pick(PAGES);
            hits.add(hit(site, person, ts, EventKind.PAGEVIEW, "pageview", page, source, channel, campaign, Map.of(), 0));
            if (random.nextInt(5) == 0) {
                ts += 1000 + random.nextInt(20_000);
                hits.add(hit(site, person, ts, EventKind.CUSTOM, "Signup", page, source, channel, campaign,
                        Map.of("plan", random.nextBoolean() ? "pro" : "free"), 0));
            }
            if (!currencies.isEmpty() && random.nextInt(6) == 0) {
                ts += 1000 + random.nextInt(20_000);
                Revenue paid = new Revenue(java.math.BigDecimal.valueOf(100 + random.nextInt(20_000), 2), pick(currencies));
                hits.add(hit(site, person, ts, EventKind.CUSTOM, "Purchase", page, source, channel, campaign,
                        Map.of("plan", random.nextBoolean() ? "pro" : "free"), 0, paid, null));
            }
            if (random.nextInt(3) == 0) {
                ts += 1000 + random.nextInt(60_000);
                hits.add(hit(site, person, ts, EventKind.ENGAGEMENT, "engagement", page, source, channel, campaign, Map.of(),
                        1000 + random.nextInt(120_000), Revenue.NONE, currencies.isEmpty() ? 50 : 1 + random.nextInt(100)));
            }
            ts += 30_000 + random.nextInt(600_000);
        }
    }

    private Hit hit(Site site, int person, long ts, EventKind kind, String name, String page, String source, Channel channel, String campaign,
                    Map<String, String> props, int engagementMs) {
        return hit(site, person, ts, kind, name, page, source, channel, campaign, props, engagementMs, Revenue.NONE,
                kind == EventKind.ENGAGEMENT ? 50 : null);
    }

    private Hit hit(Site site, int person, long ts, EventKind kind, String name, String page, String source, Channel channel, String campaign,
                    Map<String, String> props, int engagementMs, Revenue revenue, Integer scrollDepth) {
        long utcDay = Math.floorDiv(ts, 86_400_000L);
        String referrer = switch (source) {
            case "Google" -> "https://www.google.com/";
            case "Reddit" -> "https://www.reddit.com/r/java/";
            default -> "";
        };
        String browser = BROWSERS.get(person % BROWSERS.size());
        String country = COUNTRIES.get(person % COUNTRIES.size());
        return new Hit(site, ts, kind, name, new Location(site.domain(), page), new Source(source, referrer, channel),
                new Utm(source.equals("newsletter") ? "newsletter" : "", campaign.isEmpty() ? "" : "email", campaign, "", ""),
                new Software(browser, String.valueOf(100 + person % 4), OSES.get(person % OSES.size()), String.valueOf(person % 2 + 10),
                        DEVICES.get(person % DEVICES.size())), country, place(country, person),
                new Measures(1280, engagementMs, scrollDepth, true), revenue, props, null,
                new Visitor(visitorId(site, person, utcDay), visitorId(site, person, utcDay - 1)));
    }

    /** A person's place, fixed like their country (not from the random stream, so the rest of the traffic stays as it was). */
    private static Place place(String country, int person) {
        List<Place> places = PLACES.get(country);
        return places.get(person / COUNTRIES.size() % places.size());
    }

    private static long visitorId(Site site, int person, long utcDay) {
        return (site.id() * 1_000_003L + person) * 100_003L + utcDay + 1;
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    static ZoneId[] zones() {
        return new ZoneId[] {ZoneId.of("Europe/Berlin"), ZoneId.of("Asia/Kolkata"), ZoneId.of("Australia/Adelaide")};
    }
}
