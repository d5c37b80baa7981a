package dev.footfall.traffic;

import dev.footfall.model.EventPayload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Plans whole visits the way the tracker would report them: a landing pageview with the
 * referrer and UTM tags, further pageviews (page loads or SPA navigations) after the time spent
 * on each page, custom events with properties while on a page, and an engagement event
 * ({@code n: engagement, i: false, e, sd}) when a page is left. Bounces are single-page visits.
 *
 * <p>Time on page is log-normal with a median of about 25 s, like published engagement medians;
 * engaged time is a share of it (tabs in the background do not count).
 */
public final class VisitGenerator {
    static final int MAX_PAGES = 12;
    private static final long MEDIAN_TIME_ON_PAGE_MS = 25_000;
    private static final long MIN_ENGAGEMENT_MS = 1_000;

    private final RandomGenerator random;

    public VisitGenerator(RandomGenerator random) {
        this.random = random;
    }

    /** The steps of one visit of {@code visitor} to {@code site}, first step due at once. */
    public List<Step> visit(Visitor visitor, Site site) {
        Profiles.SiteKind kind = site.kind();
        Profiles.Referral referral = Weighted.pick(random, Profiles.REFERRALS);
        int pages = random.nextDouble() < kind.bounceRate() ? 1 : Math.min(MAX_PAGES, 2 + geometric(0.45));
        List<Step> steps = new ArrayList<>();
        String previousUrl = null;
        long think = 0;
        for (int i = 0; i < pages; i++) {
            String path = Weighted.pick(random, i == 0 ? kind.entryPages() : kind.pages());
            String url = url(site, path, i == 0 ? referral : null);
            String referrer = i == 0 || kind.spa() || kind.hashRouting() ? referral.referrer() : previousUrl;
            steps.add(new Step(visitor, event(visitor, site, "pageview", url, referrer, pageProps(kind), null, null, null, null), think));
            long onPage = timeOnPage();
            long spent = 0;
            if (random.nextDouble() < kind.goalRate()) {
                long at = (long) (onPage * (0.2 + 0.6 * random.nextDouble()));
                steps.add(goal(visitor, site, url, referrer, Weighted.pick(random, kind.goals()), at));
                spent = at;
            }
            long engaged = (long) (onPage * (0.45 + 0.55 * random.nextDouble()));
            if (engaged >= MIN_ENGAGEMENT_MS) {
                steps.add(new Step(visitor, event(visitor, site, "engagement", url, referrer, Map.of(), false, engaged,
                        scrollDepth(onPage), null), onPage - spent));
                think = 50 + random.nextInt(350);
            } else {
                think = onPage - spent;
            }
            previousUrl = url;
        }
        return steps;
    }

    private Step goal(Visitor visitor, Site site, String url, String referrer, Profiles.Goal goal, long thinkMs) {
        Map<String, Object> props = goal.propKey().isEmpty() ? Map.of()
                : Map.of(goal.propKey(), goal.propValues().get(random.nextInt(goal.propValues().size())));
        EventPayload.Revenue revenue = goal.revenue()
                ? new EventPayload.Revenue(String.format(Locale.ROOT, "%.2f", 9 + random.nextInt(190) + 0.9),
                random.nextDouble() < 0.7 ? "EUR" : "USD")
                : null;
        return new Step(visitor, event(visitor, site, goal.name(), url, referrer, props, null, null, null, revenue), thinkMs);
    }

    private EventPayload event(Visitor v, Site site, String name, String url, String referrer, Map<String, Object> props,
                               Boolean interactive, Long engagementMs, Integer scrollDepth, EventPayload.Revenue revenue) {
        Boolean hash = site.kind().hashRouting() ? Boolean.TRUE : null;
        return new EventPayload(name, url, site.domain(), referrer.isEmpty() ? null : referrer, props, hash, interactive,
                revenue, null, engagementMs, scrollDepth, v.device().screenWidth(), v.timezone());
    }

    private Map<String, Object> pageProps(Profiles.SiteKind kind) {
        return switch (kind.name()) {
            case "blog" -> Map.of("author", random.nextBoolean() ? "ada" : "grace");
            case "app" -> Map.of("logged_in", random.nextDouble() < 0.4);
            default -> Map.of();
        };
    }

    private static String url(Site site, String path, Profiles.Referral landing) {
        String base = site.kind().hashRouting() && !"/".equals(path) ? site.origin() + "/#" + path : site.origin() + path;
        if (landing == null || !landing.tagged() && landing.clickId().isEmpty()) {
            return base;
        }
        StringBuilder query = new StringBuilder();
        if (landing.tagged()) {
            query.append("?utm_source=").append(landing.utmSource())
                    .append("&utm_medium=").append(landing.utmMedium())
                    .append("&utm_campaign=").append(landing.utmCampaign());
            if (!landing.utmContent().isEmpty()) {
                query.append("&utm_content=").append(landing.utmContent());
            }
        }
        if (!landing.clickId().isEmpty()) {
            query.append(query.isEmpty() ? '?' : '&').append(landing.clickId());
        }
        int hash = base.indexOf('#');
        return hash < 0 ? base + query : base.substring(0, hash) + query + base.substring(hash);
    }

    private long timeOnPage() {
        double ms = Math.exp(Math.log(MEDIAN_TIME_ON_PAGE_MS) + 0.9 * random.nextGaussian());
        return Math.clamp(Math.round(ms), 800L, 600_000L);
    }

    private int scrollDepth(long onPageMs) {
        double reach = 0.25 + 0.75 * (1 - Math.exp(-onPageMs / 40_000.0)) + 0.15 * random.nextGaussian();
        return (int) Math.clamp(Math.round(reach * 100), 0L, 100L);
    }

    private int geometric(double stop) {
        int n = 0;
        while (random.nextDouble() > stop && n < MAX_PAGES) {
            n++;
        }
        return n;
    }
}
