package dev.footfall.server.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.footfall.server.ApiClient;
import dev.footfall.server.RunningServer;
import dev.footfall.server.TestInfra;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A small demo (a week, a few thousand events) through the real server and database: the three
 * sites are registered in their zones with their goals, every generated line is stored through the
 * import path, the stats API reports each site like a real one, its goals convert, the visits
 * fill most channels and come from real cities.
 */
class DemoDataTest {
    static final String ADMIN = "demo-admin";

    @Test
    void aWeekOfDemoIsStoredUnderTheThreeSitesInTheirZonesAndReportedLikeRealSites() {
        try (RunningServer server = RunningServer.start(TestInfra.adminConfig(ADMIN))) {
            long stored = new DemoData(server.footfall().sites(), server.footfall().imports(), server.footfall().goals(),
                    server.footfall().funnels()).load(7, 6_000, System.currentTimeMillis());

            assertTrue(stored > 5_000, "about the events asked for: " + stored);
            assertEquals(stored, server.count("SELECT COUNT(*) FROM events"));
            ApiClient admin = new ApiClient(server, ADMIN);
            for (DemoData.DemoSite site : DemoData.SITES) {
                assertEquals(site.zone(), server.footfall().sites().find(site.domain()).orElseThrow().zone());
                Map<String, Map<String, Number>> results = admin.<Map<String, Map<String, Map<String, Number>>>>getJson(
                        "/api/v1/stats/aggregate?site_id=" + site.domain() + "&period=7d&metrics=visitors,pageviews,bounce_rate",
                        new TypeReference<>() { }).get("results");
                double visitors = results.get("visitors").get("value").doubleValue();
                double pageviews = results.get("pageviews").get("value").doubleValue();
                double bounceRate = results.get("bounce_rate").get("value").doubleValue();
                assertTrue(visitors > 50 && pageviews > visitors, site.domain() + ": " + results);
                assertTrue(bounceRate > 15 && bounceRate < 85, site.domain() + ": " + results);
            }
            // The demo goals convert (a week is too little for the rarest of them), and the shop's purchases carry revenue.
            for (DemoData.DemoSite site : DemoData.SITES) {
                // The shop is paid in euros and dollars: revenue is summed per currency.
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> rows = (List<Map<String, Object>>) admin.<Map<String, Object>>getJson("/api/v1/stats/breakdown?site_id="
                        + site.domain() + "&period=7d&property=event:goal&metrics=visitors,events,conversion_rate,total_revenue&currency=EUR",
                        new TypeReference<>() { }).get("results");
                assertTrue(rows.size() >= DemoData.GOALS.get(site.domain()).size() - 2, site.domain() + ": " + rows);
                rows.forEach(r -> assertTrue(((Number) r.get("visitors")).longValue() > 0, site.domain() + ": " + r));
                if (site.kind().equals("shop")) {
                    Map<String, Object> purchase = rows.stream().filter(r -> r.get("goal").equals("Purchase")).findFirst().orElseThrow();
                    assertTrue(purchase.get("total_revenue") instanceof Map<?, ?> revenue && ((Number) revenue.get("value")).doubleValue() > 0,
                            "revenue: " + purchase);
                    // The goals the issue names: Signup, Purchase with revenue, Visit /pricing and a 75 % scroll on a blog post.
                    List<String> names = server.footfall().goals().list(server.footfall().sites().find(site.domain()).orElseThrow().id())
                            .stream().map(dev.footfall.server.goal.Goal::name).toList();
                    assertTrue(names.containsAll(List.of("Signup", "Purchase", "Visit /pricing", "Scroll 75% on /blog/packing-list")),
                            names.toString());
                    assertTrue(rows.stream().anyMatch(r -> r.get("goal").equals("Visit /pricing")), "the shop's /pricing converts: " + rows);
                }
            }
            // The shop's checkout funnel has visitors at every step and fewer at each.
            Map<String, Object> checkout = admin.<Map<String, Object>>getJson("/api/v1/stats/funnel?site_id=shop.example.com&period=7d&funnel_id="
                    + server.footfall().funnels().list(server.footfall().sites().find("shop.example.com").orElseThrow().id()).getFirst().id(),
                    new TypeReference<>() { });
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> steps = (List<Map<String, Object>>) checkout.get("steps");
            assertEquals(List.of("Add to Cart", "Visit /checkout", "Purchase"), steps.stream().map(st -> st.get("goal")).toList());
            List<Long> visitors = steps.stream().map(st -> ((Number) st.get("visitors")).longValue()).toList();
            assertTrue(visitors.getLast() > 0 && visitors.get(0) > visitors.getLast(), "checkout funnel: " + checkout);
            // Most of GA4's channels, over all three sites (each site alone has too few visits for the rarest).
            long channels = server.count("SELECT COUNT(DISTINCT channel_id) FROM visits");
            assertTrue(channels >= 15, "demo channels: " + channels);
            // Every demo visit has a home city, whose region lies in the visit's country.
            assertEquals(0, server.count("SELECT COUNT(*) FROM visits v JOIN dim_regions r ON r.id = v.region_id"
                    + " WHERE r.value = '' OR LEFT(r.value, 2) <> v.country"));
            List<Map<String, Object>> cities = admin.<Map<String, List<Map<String, Object>>>>getJson(
                    "/api/v1/stats/breakdown?site_id=" + DemoData.SITES.getFirst().domain() + "&period=7d&property=visit:city&metrics=visitors",
                    new TypeReference<>() { }).get("results");
            assertTrue(cities.size() >= 20, "demo cities: " + cities);
            assertTrue(cities.stream().allMatch(c -> c.get("city") instanceof Number && !((String) c.get("city_name")).isEmpty()), cities.toString());
        }
    }
}
