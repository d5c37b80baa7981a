package dev.footfall.server.demo;

import java.util.List;

/** How one demo site's traffic looks: volume, weekly shape (Monday first), pages and goals. */
record SiteProfile(
        String domain,
        String zone,
        int dailyVisits,
        List<Double> weekly,
        double bounceRate,
        double eventRate,
        List<DemoProfiles.Weighted<String>> landingPages,
        List<DemoProfiles.Weighted<String>> pages,
        List<DemoProfiles.Goal> goals) {
}
