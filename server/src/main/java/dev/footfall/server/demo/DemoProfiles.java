package dev.footfall.server.demo;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The demo's traffic mixes: a data list, long on purpose. Shares are rounded from public
 * browser, OS and referrer statistics of 2025-2026 for a European/North American audience.
 */
final class DemoProfiles {
    private DemoProfiles() {
    }

    interface Weight {
        double weight();
    }

    record Weighted<T>(T value, double weight) implements Weight {
    }

    record Device(String browser, String browserVersion, String os, String osVersion, String type, int screenWidth,
                  double weight) implements Weight {
    }

    record Referral(String source, String referrer, String utmSource, String utmMedium, String utmCampaign,
                    double weight) implements Weight {
    }

    record Country(String code, double weight) implements Weight {
    }

    record Goal(String name, String propKey, List<String> propValues, boolean revenue, double weight) implements Weight {
        Map<String, String> props(Random random) {
            return propKey.isEmpty() ? Map.of() : Map.of(propKey, propValues.get(random.nextInt(propValues.size())));
        }
    }

    static <T extends Weight> T pick(Random random, List<T> options) {
        double total = 0;
        for (T option : options) {
            total += option.weight();
        }
        double r = random.nextDouble() * total;
        for (T option : options) {
            r -= option.weight();
            if (r <= 0) {
                return option;
            }
        }
        return options.getLast();
    }

    /** Local hour of a visit's start: low at night, peaks late morning and evening. */
    static int hourOfDay(Random random) {
        return pick(random, HOURS).value();
    }

    private static final List<Weighted<Integer>> HOURS = List.of(
            new Weighted<>(0, 1.2), new Weighted<>(1, 0.8), new Weighted<>(2, 0.5), new Weighted<>(3, 0.4),
            new Weighted<>(4, 0.4), new Weighted<>(5, 0.6), new Weighted<>(6, 1.4), new Weighted<>(7, 2.6),
            new Weighted<>(8, 4.0), new Weighted<>(9, 5.2), new Weighted<>(10, 6.0), new Weighted<>(11, 6.2),
            new Weighted<>(12, 5.8), new Weighted<>(13, 5.9), new Weighted<>(14, 6.0), new Weighted<>(15, 5.7),
            new Weighted<>(16, 5.3), new Weighted<>(17, 4.8), new Weighted<>(18, 4.9), new Weighted<>(19, 5.4),
            new Weighted<>(20, 5.6), new Weighted<>(21, 4.9), new Weighted<>(22, 3.4), new Weighted<>(23, 2.1));

    static final List<Device> DEVICES = List.of(
            new Device("Chrome", "142", "Windows", "10", "Desktop", 1920, 22),
            new Device("Chrome", "142", "Windows", "11", "Desktop", 1536, 9),
            new Device("Microsoft Edge", "142", "Windows", "11", "Desktop", 1920, 6),
            new Device("Firefox", "145", "Windows", "10", "Desktop", 1920, 3.5),
            new Device("Chrome", "142", "macOS", "15", "Desktop", 1512, 6),
            new Device("Safari", "26", "macOS", "26", "Desktop", 1440, 5),
            new Device("Firefox", "145", "GNU/Linux", "Unknown", "Desktop", 1920, 2),
            new Device("Chrome", "142", "Android", "15", "Mobile", 412, 15),
            new Device("Samsung Internet", "29", "Android", "14", "Mobile", 384, 3),
            new Device("Safari", "26", "iOS", "26", "Mobile", 393, 16),
            new Device("Chrome", "142", "iOS", "26", "Mobile", 390, 2),
            new Device("Safari", "26", "iPadOS", "26", "Tablet", 820, 3),
            new Device("Chrome", "142", "Android", "15", "Tablet", 800, 1.5));

    static final List<Referral> REFERRALS = List.of(
            new Referral("Direct / None", "", "", "", "", 34),
            new Referral("Google", "google.com", "", "", "", 28),
            new Referral("Bing", "bing.com", "", "", "", 3.5),
            new Referral("DuckDuckGo", "duckduckgo.com", "", "", "", 3),
            new Referral("Facebook", "l.facebook.com", "", "", "", 4),
            new Referral("Twitter", "t.co", "", "", "", 2.5),
            new Referral("Reddit", "reddit.com", "", "", "", 3),
            new Referral("Hacker News", "news.ycombinator.com", "", "", "", 2),
            new Referral("GitHub", "github.com", "", "", "", 2.5),
            new Referral("LinkedIn", "linkedin.com", "", "", "", 1.5),
            new Referral("Newsletter", "", "newsletter", "email", "november-digest", 5),
            new Referral("Newsletter", "", "newsletter", "email", "product-launch", 3),
            new Referral("Google", "google.com", "google", "cpc", "brand-search", 4),
            new Referral("Facebook", "l.facebook.com", "facebook", "social", "black-friday", 2),
            new Referral("dev.to", "dev.to", "", "", "", 1));

    static final List<Country> COUNTRIES = List.of(
            new Country("US", 27), new Country("DE", 14), new Country("GB", 9), new Country("FR", 6),
            new Country("IN", 7), new Country("CA", 4), new Country("NL", 3.5), new Country("ES", 3),
            new Country("IT", 3), new Country("BR", 3), new Country("PL", 2.5), new Country("SE", 2),
            new Country("AU", 2.5), new Country("JP", 2), new Country("CH", 1.5), new Country("AT", 1.5),
            new Country("", 1));

    static SiteProfile shop() {
        return new SiteProfile("shop.example.com", "Europe/Berlin", 420, List.of(1.0, 1.04, 1.0, 0.97, 0.93, 0.82, 0.76),
                0.42, 0.35,
                List.of(new Weighted<>("/", 40), new Weighted<>("/products/trail-shoes", 14), new Weighted<>("/products/rain-jacket", 10),
                        new Weighted<>("/sale", 12), new Weighted<>("/products/backpack-30l", 8), new Weighted<>("/blog/packing-list", 6)),
                List.of(new Weighted<>("/products", 20), new Weighted<>("/cart", 12), new Weighted<>("/checkout", 6),
                        new Weighted<>("/products/trail-shoes", 10), new Weighted<>("/products/rain-jacket", 8),
                        new Weighted<>("/products/backpack-30l", 7), new Weighted<>("/about", 3), new Weighted<>("/shipping", 4),
                        new Weighted<>("/sale", 6)),
                List.of(new Goal("Add to Cart", "product", List.of("trail-shoes", "rain-jacket", "backpack-30l"), false, 6),
                        new Goal("Purchase", "payment", List.of("card", "paypal", "invoice"), true, 2),
                        new Goal("Newsletter Signup", "", List.of(), false, 1)));
    }

    static SiteProfile blog() {
        return new SiteProfile("blog.example.com", "America/New_York", 260, List.of(1.0, 1.05, 1.08, 1.02, 0.95, 0.9, 0.92),
                0.61, 0.12,
                List.of(new Weighted<>("/", 15), new Weighted<>("/posts/rollups-vs-raw-events", 22),
                        new Weighted<>("/posts/privacy-without-cookies", 18), new Weighted<>("/posts/virtual-threads-in-practice", 14),
                        new Weighted<>("/posts/mysql-insert-throughput", 10)),
                List.of(new Weighted<>("/", 10), new Weighted<>("/archive", 6), new Weighted<>("/about", 4),
                        new Weighted<>("/posts/rollups-vs-raw-events", 8), new Weighted<>("/posts/privacy-without-cookies", 7),
                        new Weighted<>("/tags/java", 5)),
                List.of(new Goal("Newsletter Signup", "position", List.of("footer", "inline", "popup"), false, 3),
                        new Goal("Outbound Link: Click", "url", List.of("https://github.com/", "https://openjdk.org/"), false, 4)));
    }

    static SiteProfile docs() {
        return new SiteProfile("docs.example.com", "Asia/Kolkata", 180, List.of(1.0, 1.06, 1.05, 1.0, 0.92, 0.45, 0.42),
                0.33, 0.25,
                List.of(new Weighted<>("/", 20), new Weighted<>("/getting-started", 25), new Weighted<>("/api/events", 12),
                        new Weighted<>("/guides/docker", 10), new Weighted<>("/guides/scaling", 6)),
                List.of(new Weighted<>("/getting-started", 10), new Weighted<>("/configuration", 9), new Weighted<>("/api/stats", 8),
                        new Weighted<>("/api/events", 7), new Weighted<>("/guides/docker", 6), new Weighted<>("/faq", 5),
                        new Weighted<>("/changelog", 3)),
                List.of(new Goal("Copy Code", "language", List.of("bash", "java", "javascript", "yaml"), false, 6),
                        new Goal("Search", "", List.of(), false, 3),
                        new Goal("File Download", "url", List.of("/files/footfall-cheatsheet.pdf"), false, 1)));
    }

    static List<SiteProfile> sites() {
        return List.of(shop(), blog(), docs());
    }
}
