package dev.footfall.server.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.footfall.server.ApiClient;
import dev.footfall.server.RunningServer;
import dev.footfall.server.TestInfra;
import dev.footfall.server.goal.Goal;
import dev.footfall.server.site.Site;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The fixture of the goal and funnel brute-force tests: a server with two sites, one in Berlin
 * (EUR purchases, the October DST day in range) and one in Kolkata (+05:30, EUR and USD), each with
 * {@link RandomTraffic} from {@link #FIRST} to {@link #LAST} through the real writer, its
 * {@link RawTruth}, and fixed and random goals created over the API: the first site's after its
 * traffic (so the history fill books their goal facts), the second's before (so the writer does).
 */
record GoalTraffic(RunningServer server, ApiClient api, List<Site> sites, Map<Integer, RawTruth> truths, Map<Integer, List<Goal>> goals) {
    static final String TOKEN = "test-admin-token";
    static final LocalDate FIRST = LocalDate.of(2025, 10, 13);
    static final LocalDate LAST = LocalDate.of(2025, 10, 29);
    static final List<String> FIXED = List.of(
            "{\"event_name\":\"Signup\"}",
            "{\"event_name\":\"Signup\",\"custom_props\":{\"plan\":\"pro\"},\"display_name\":\"Pro signup\"}",
            "{\"event_name\":\"Purchase\"}",
            "{\"page_path\":\"/pricing\"}",
            "{\"page_path\":\"/blog/*\"}",
            "{\"page_path\":\"/docs|/docs/**\",\"display_name\":\"Docs\"}",
            "{\"page_path\":\"/blog/**\",\"scroll_threshold\":60}");
    static final List<String> PATTERNS = List.of("/", "/*", "/**", "/blog/**", "/d*", "/docs/*|/about", "/pricing|/blog/a", "/*/setup");

    private static void createGoals(ApiClient api, String domain, List<String> definitions) {
        for (String body : definitions) {
            HttpResponse<String> res = api.send("POST", "/api/v1/sites/" + domain + "/goals", body);
            assertEquals(201, res.statusCode(), body + " → " + res.body());
        }
    }

    /**
     * Waits until every goal's history is filled and its daily rows are built (the server's
     * background jobs do both) and no day is marked for a rebuild.
     */
    static void awaitGoalFacts(RunningServer server) throws InterruptedException {
        long until = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < until) {
            long pending = server.count("SELECT COUNT(*) FROM goal_fills WHERE done = 0 OR built_through_day IS NULL"
                    + " OR built_through_day < ?", (int) LocalDate.now(ZoneId.of("UTC")).toEpochDay() - 3)
                    + server.count("SELECT COUNT(*) FROM goal_dirty") + server.count("SELECT COUNT(*) FROM goal_garbage");
            if (pending == 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the goal facts were not filled and built within 120 s");
    }

    /** Starts the server and writes the traffic and goals of the sites {@code <prefix>0.test} and {@code <prefix>1.test}. */
    static GoalTraffic start(String prefix) throws Exception {
        Map<String, String> config = TestInfra.freshConfig();
        config.put("FOOTFALL_ADMIN_TOKEN", TOKEN);
        RunningServer server = RunningServer.start(config);
        ApiClient api = new ApiClient(server, TOKEN);
        List<Site> sites = new ArrayList<>();
        Map<Integer, RawTruth> truths = new HashMap<>();
        Map<Integer, List<Goal>> goals = new HashMap<>();
        ZoneId[] zones = {ZoneId.of("Europe/Berlin"), ZoneId.of("Asia/Kolkata")};
        List<List<String>> currencies = List.of(List.of("EUR"), List.of("EUR", "USD"));
        for (int i = 0; i < zones.length; i++) {
            String domain = prefix + i + ".test";
            server.footfall().sites().create(domain, zones[i], false);
            Site site = server.footfall().sites().find(domain).orElseThrow();
            sites.add(site);
            List<String> definitions = new ArrayList<>(FIXED);
            Random random = new Random(99 + i);
            for (int g = 0; g < 4; g++) {
                String pattern = PATTERNS.get(random.nextInt(PATTERNS.size()));
                definitions.add(switch (g % 3) {
                    case 0 -> "{\"page_path\":\"" + pattern + "\",\"display_name\":\"Random page " + g + "\"}";
                    case 1 -> "{\"page_path\":\"" + pattern + "\",\"scroll_threshold\":" + (1 + random.nextInt(100))
                            + ",\"display_name\":\"Random scroll " + g + "\"}";
                    default -> "{\"event_name\":\"Purchase\",\"custom_props\":{\"plan\":\"" + (random.nextBoolean() ? "pro" : "free")
                            + "\"},\"display_name\":\"Random purchase " + g + "\"}";
                });
            }
            // The first site's goals come after its traffic (their facts are the history fill's), the second's before (the writer's).
            if (i == 1) {
                createGoals(api, domain, definitions);
            }
            new RandomTraffic(7 + i, currencies.get(i)).write(server.footfall(), site, FIRST, LAST, 14);
            truths.put(site.id(), new RawTruth(server.footfall().dataSource(), site.id(), site.zone()));
            if (i == 0) {
                createGoals(api, domain, definitions);
            }
            goals.put(site.id(), server.footfall().goals().list(site.id()));
        }
        return new GoalTraffic(server, api, sites, truths, goals);
    }
}
