package dev.footfall.traffic;

import java.util.List;

/**
 * The traffic mixes of the simulator and the demo data: a data list, long on purpose. Shares are
 * rounded from public browser, OS and referrer statistics of 2025 for a European/North American
 * audience; the user agents are verbatim strings of those browsers' current releases (November
 * 2025), because the server parses them with ua-parser (uap-core rules) and a made-up string would test nothing.
 */
public final class Profiles {
    private Profiles() {
    }

    /** A browser on a device: what the User-Agent header says and what the old format sent as fields. */
    public record Device(String userAgent, String browser, String os, String type, int screenWidth) {
    }

    /**
     * How a visit arrived: a referrer URL (empty for direct), UTM tags (empty for none) and an ad
     * click id parameter such as {@code gclid=…} (empty for none), which auto-tagged ads add.
     */
    record Referral(String referrer, String utmSource, String utmMedium, String utmCampaign, String utmContent, String clickId) {
        boolean tagged() {
            return !utmSource.isEmpty() || !utmMedium.isEmpty();
        }
    }

    /** A conversion or interaction the site's visitors trigger; {@code revenue} in the given currency. */
    record Goal(String name, String propKey, List<String> propValues, boolean revenue) {
    }

    /**
     * One kind of website. {@code bounceRate}: share of single-page visits; {@code goalRate}:
     * chance per page of a custom event; {@code spa}: later pageviews are history-API navigations
     * (no page load, referrer stays the landing referrer); {@code hashRouting}: pages are
     * {@code /#/path} and pageviews carry {@code h: true}.
     */
    public record SiteKind(String name, List<Weighted<String>> entryPages, List<Weighted<String>> pages, List<Weighted<Goal>> goals,
                           double bounceRate, double goalRate, boolean spa, boolean hashRouting) {
    }

    private static final String CHROME = "142.0.0.0";

    static final List<Weighted<Device>> DEVICES = List.of(
            Weighted.of(new Device("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/"
                    + CHROME + " Safari/537.36", "Chrome", "Windows", "desktop", 1920), 29),
            Weighted.of(new Device("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/"
                    + CHROME + " Safari/537.36 Edg/142.0.0.0", "Microsoft Edge", "Windows", "desktop", 1920), 6),
            Weighted.of(new Device("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:145.0) Gecko/20100101 Firefox/145.0",
                    "Firefox", "Windows", "desktop", 1536), 3.5),
            Weighted.of(new Device("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/"
                    + CHROME + " Safari/537.36", "Chrome", "macOS", "desktop", 1512), 6),
            Weighted.of(new Device("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
                    + " Version/26.1 Safari/605.1.15", "Safari", "macOS", "desktop", 1440), 5),
            Weighted.of(new Device("Mozilla/5.0 (X11; Linux x86_64; rv:145.0) Gecko/20100101 Firefox/145.0",
                    "Firefox", "Linux", "desktop", 1920), 2),
            Weighted.of(new Device("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/"
                    + CHROME + " Safari/537.36", "Chrome", "Linux", "desktop", 2560), 1),
            Weighted.of(new Device("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/"
                    + CHROME + " Mobile Safari/537.36", "Chrome", "Android", "mobile", 412), 15),
            Weighted.of(new Device("Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " SamsungBrowser/29.0 Chrome/136.0.0.0 Mobile Safari/537.36", "Samsung Internet", "Android", "mobile", 384), 3),
            Weighted.of(new Device("Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
                    + " Version/26.1 Mobile/15E148 Safari/604.1", "Safari", "iOS", "mobile", 393), 16),
            Weighted.of(new Device("Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
                    + " CriOS/142.0.7444.77 Mobile/15E148 Safari/604.1", "Chrome", "iOS", "mobile", 390), 2),
            Weighted.of(new Device("Mozilla/5.0 (iPad; CPU OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
                    + " Version/26.1 Mobile/15E148 Safari/604.1", "Safari", "iOS", "tablet", 820), 3),
            Weighted.of(new Device("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/"
                    + CHROME + " Safari/537.36", "Chrome", "Android", "tablet", 800), 1.5));

    private static Referral from(String referrer) {
        return new Referral(referrer, "", "", "", "", "");
    }

    private static Referral campaign(String referrer, String source, String medium, String campaign, String content) {
        return new Referral(referrer, source, medium, campaign, content, "");
    }

    private static Referral clicked(String referrer, String clickId) {
        return new Referral(referrer, "", "", "", "", clickId);
    }

    static final List<Weighted<Referral>> REFERRALS = List.of(
            Weighted.of(from(""), 33),
            Weighted.of(from("https://www.google.com/"), 26),
            Weighted.of(from("https://www.google.de/"), 3),
            Weighted.of(from("https://www.bing.com/"), 3.5),
            Weighted.of(from("https://duckduckgo.com/"), 3),
            Weighted.of(from("https://search.brave.com/"), 0.8),
            Weighted.of(from("https://www.ecosia.org/"), 0.7),
            Weighted.of(from("https://l.facebook.com/"), 3),
            Weighted.of(from("https://t.co/"), 2.5),
            Weighted.of(from("https://www.reddit.com/r/webdev/comments/1ox2k9f/"), 2),
            Weighted.of(from("https://news.ycombinator.com/item?id=45871234"), 1.5),
            Weighted.of(from("https://github.com/"), 2),
            Weighted.of(from("https://www.linkedin.com/"), 1.5),
            Weighted.of(from("https://www.youtube.com/"), 1),
            Weighted.of(from("https://dev.to/"), 1),
            Weighted.of(from("https://chatgpt.com/"), 1.5),
            Weighted.of(campaign("", "newsletter", "email", "november-digest", "header-link"), 4),
            Weighted.of(campaign("", "newsletter", "email", "product-launch", ""), 2.5),
            Weighted.of(campaign("https://mail.google.com/", "newsletter", "email", "black-friday", "hero"), 1),
            Weighted.of(campaign("https://www.google.com/", "google", "cpc", "brand-search", ""), 4),
            Weighted.of(campaign("https://l.facebook.com/", "facebook", "paid_social", "black-friday", "carousel"), 2),
            Weighted.of(campaign("https://www.linkedin.com/", "linkedin", "social", "launch-week", ""), 1),
            // The other channels of GA4's grouping, each a small share, so the demo's Channels tab fills.
            Weighted.of(clicked("https://www.google.com/", "gclid=EAIaIQobChMI8demo"), 2.5),
            Weighted.of(clicked("https://www.bing.com/", "msclkid=4f1c2demo"), 0.6),
            Weighted.of(from("https://www.perplexity.ai/"), 0.6),
            Weighted.of(from("https://www.amazon.com/"), 0.5),
            Weighted.of(from("https://www.tiktok.com/"), 0.8),
            Weighted.of(from("https://vimeo.com/"), 0.3),
            Weighted.of(from("https://outlook.live.com/"), 0.4),
            Weighted.of(campaign("", "google", "cpc", "shopping-feed", ""), 0.8),
            Weighted.of(campaign("", "youtube", "cpv", "trailer", ""), 0.5),
            Weighted.of(campaign("https://news.example.net/", "news-network", "display", "autumn", "banner-300x250"), 0.8),
            Weighted.of(campaign("", "podcast-network", "paid", "sponsor-read", ""), 0.4),
            Weighted.of(campaign("", "google", "cpc", "pmax-cross-network", ""), 0.4),
            Weighted.of(campaign("https://deals.example.org/", "deals-site", "affiliate", "partner-program", ""), 0.6),
            Weighted.of(campaign("", "spotify", "audio", "morning-show", ""), 0.2),
            Weighted.of(campaign("", "sms", "text", "flash-sale", ""), 0.3),
            Weighted.of(campaign("", "app", "push", "weekly-reminder", ""), 0.4));

    /** Browser time zones, weighted like the audience's countries. */
    static final List<Weighted<String>> TIMEZONES = List.of(
            Weighted.of("America/New_York", 11), Weighted.of("America/Chicago", 6), Weighted.of("America/Los_Angeles", 8),
            Weighted.of("America/Denver", 2), Weighted.of("Europe/Berlin", 14), Weighted.of("Europe/London", 9),
            Weighted.of("Europe/Paris", 6), Weighted.of("Asia/Kolkata", 7), Weighted.of("America/Toronto", 4),
            Weighted.of("Europe/Amsterdam", 3.5), Weighted.of("Europe/Madrid", 3), Weighted.of("Europe/Rome", 3),
            Weighted.of("America/Sao_Paulo", 3), Weighted.of("Europe/Warsaw", 2.5), Weighted.of("Europe/Stockholm", 2),
            Weighted.of("Australia/Sydney", 2.5), Weighted.of("Asia/Tokyo", 2), Weighted.of("Europe/Zurich", 1.5),
            Weighted.of("Europe/Vienna", 1.5));

    private static Weighted<String> page(String path, double weight) {
        return Weighted.of(path, weight);
    }

    private static Weighted<Goal> goal(String name, String propKey, List<String> values, boolean revenue, double weight) {
        return Weighted.of(new Goal(name, propKey, values, revenue), weight);
    }

    static final List<SiteKind> KINDS = List.of(
            // The shop's /pricing (membership prices, the demo's Visit /pricing goal) took /about's place and weight,
            // so the seeded visits draw as before and the demo's week still has whole checkouts.
            new SiteKind("shop",
                    List.of(page("/", 40), page("/products/trail-shoes", 14), page("/products/rain-jacket", 10),
                            page("/sale", 12), page("/products/backpack-30l", 8), page("/blog/packing-list", 6)),
                    List.of(page("/products", 20), page("/cart", 12), page("/checkout", 6), page("/products/trail-shoes", 10),
                            page("/products/rain-jacket", 8), page("/products/backpack-30l", 7), page("/pricing", 3),
                            page("/shipping", 4), page("/sale", 6)),
                    List.of(goal("Add to Cart", "product", List.of("trail-shoes", "rain-jacket", "backpack-30l"), false, 6),
                            goal("Purchase", "payment", List.of("card", "paypal", "invoice"), true, 2),
                            goal("Newsletter Signup", "", List.of(), false, 1)),
                    0.42, 0.12, false, false),
            new SiteKind("blog",
                    List.of(page("/", 15), page("/posts/rollups-vs-raw-events", 22), page("/posts/privacy-without-cookies", 18),
                            page("/posts/virtual-threads-in-practice", 14), page("/posts/mysql-insert-throughput", 10)),
                    List.of(page("/", 10), page("/archive", 6), page("/about", 4), page("/posts/rollups-vs-raw-events", 8),
                            page("/posts/privacy-without-cookies", 7), page("/tags/java", 5)),
                    List.of(goal("Newsletter Signup", "position", List.of("footer", "inline", "popup"), false, 3),
                            goal("Outbound Link: Click", "url", List.of("https://github.com/", "https://openjdk.org/"), false, 4)),
                    0.61, 0.06, false, false),
            new SiteKind("docs",
                    List.of(page("/", 20), page("/getting-started", 25), page("/api/events", 12), page("/guides/docker", 10),
                            page("/guides/scaling", 6)),
                    List.of(page("/getting-started", 10), page("/configuration", 9), page("/api/stats", 8), page("/api/events", 7),
                            page("/guides/docker", 6), page("/faq", 5), page("/changelog", 3)),
                    List.of(goal("Copy Code", "language", List.of("bash", "java", "javascript", "yaml"), false, 6),
                            goal("Search", "query_length", List.of("short", "long"), false, 3),
                            goal("File Download", "url", List.of("https://files.example/footfall-cheatsheet.pdf"), false, 1)),
                    0.33, 0.15, false, true),
            new SiteKind("app",
                    List.of(page("/", 30), page("/pricing", 25), page("/login", 20), page("/features/reports", 10)),
                    List.of(page("/dashboard", 25), page("/reports", 12), page("/settings", 6), page("/billing", 3),
                            page("/pricing", 8), page("/signup", 6), page("/integrations", 5)),
                    List.of(goal("Signup", "plan", List.of("free", "team", "business"), false, 4),
                            goal("Upgrade", "plan", List.of("team", "business"), true, 1),
                            goal("Invite Sent", "role", List.of("viewer", "editor"), false, 2)),
                    0.28, 0.08, true, false),
            new SiteKind("news",
                    List.of(page("/", 25), page("/2025/11/city-council-approves-bike-lanes", 20),
                            page("/2025/11/local-team-wins-cup", 18), page("/2025/11/weather-storm-warning", 12)),
                    List.of(page("/", 15), page("/politics", 6), page("/sports", 8), page("/2025/11/local-team-wins-cup", 6),
                            page("/2025/11/new-library-opens", 5), page("/opinion", 3)),
                    List.of(goal("Subscribe", "offer", List.of("monthly", "yearly"), true, 1),
                            goal("Share", "network", List.of("whatsapp", "facebook", "copy-link"), false, 3)),
                    0.68, 0.04, false, false));

    /** The kind named {@code name}: shop, blog, docs, app or news. */
    public static SiteKind kind(String name) {
        return KINDS.stream().filter(k -> k.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no site kind " + name + ": "
                        + KINDS.stream().map(SiteKind::name).toList()));
    }
}
