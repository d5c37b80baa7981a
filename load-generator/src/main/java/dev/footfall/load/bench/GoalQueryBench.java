package dev.footfall.load.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.model.WireJson;
import dev.footfall.model.stats.FunnelInfo;
import dev.footfall.model.stats.GoalInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code bench query --goals}: the goal and funnel reports of issue 13, timed on a running server
 * the way {@link QueryBench} times the dashboard (one request at a time, server-side time from
 * {@code Server-Timing}). For each range and each of four goals (a pageview pattern, a custom
 * event with a property match, a revenue goal, a scroll-depth goal): the aggregate filtered by the
 * goal (with {@code compare=previous_period}), its daily timeseries, and every dashboard breakdown
 * (page, source, country, device, browser, OS, UTM source) filtered by it; per range the
 * {@code event:goal} breakdown of all the site's goals; a five-step funnel over 30 and 90 days.
 * Then "a new pageview-pattern goal's 90 days": the time from the goal's creation to the first
 * 90-day answer whose total conversions equal the pageviews the standard engine counts on the
 * pages the pattern matches (a reference that does not go through goal code).
 *
 * <p>The goals and the funnel are created through the admin API when the site has none with their
 * definition, so runs repeat; the default set fits the simulator's shop kind ({@code site1.example}).
 */
public final class GoalQueryBench {
    static final double GOAL_TARGET_MS = 50;
    static final double FUNNEL_30D_TARGET_MS = 500;
    static final double FUNNEL_90D_TARGET_MS = 1000;
    static final double HISTORY_TARGET_S = 60;
    static final String FUNNEL_NAME = "Bench checkout (5 steps)";
    static final List<String> GOAL_FILTERED_BREAKDOWNS = List.of("event:page", "visit:source", "visit:country", "visit:device",
            "visit:browser", "visit:os", "visit:utm_source");

    /** A goal the bench reports on; {@code revenue} adds the revenue metrics in {@code currency}. */
    record BenchGoal(String role, GoalInfo definition, boolean revenue) {
    }

    /** The four reported goals, for the shop kind's pages and events. */
    static final List<BenchGoal> GOALS = List.of(
            new BenchGoal("pageview pattern", new GoalInfo(null, "page", null, "/products/**", null, null, null), false),
            new BenchGoal("custom event", new GoalInfo(null, "event", "Add to Cart: trail-shoes", null, "Add to Cart",
                    Map.of("product", "trail-shoes"), null), false),
            new BenchGoal("revenue", new GoalInfo(null, "event", null, null, "Purchase", null, null), true),
            new BenchGoal("scroll", new GoalInfo(null, "scroll", null, "/products/**", null, null, 75), false));

    /** The funnel's steps: landing, a product, add to cart, checkout, purchase. */
    static final List<GoalInfo> FUNNEL_STEPS = List.of(
            new GoalInfo(null, "page", null, "/", null, null, null),
            GOALS.get(0).definition(),
            new GoalInfo(null, "event", null, null, "Add to Cart", null, null),
            new GoalInfo(null, "page", null, "/checkout", null, null, null),
            GOALS.get(2).definition());

    /** The goal created and deleted by the history measurement; not part of any funnel. */
    static final GoalInfo HISTORY_GOAL = new GoalInfo(null, "page", "Bench history goal", "/products/*|/sale|/cart", null, null, null);

    private final URI server;
    private final String token;
    private final String site;
    private final ObjectMapper json = WireJson.mapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public GoalQueryBench(URI server, String token, String site) {
        this.server = server;
        this.token = token;
        this.site = site;
    }

    /**
     * The whole goal benchmark: creates what it needs, times the reports, measures the history
     * goal {@code historyRuns} times, prints the tables and the verdict; true when every target is met.
     */
    boolean run(List<String> ranges, String currency, int warmup, int rounds, int historyRuns, LocalDate today, PrintStream out)
            throws IOException, InterruptedException {
        List<Stored> reported = ensureGoals(GOALS.stream().map(BenchGoal::definition).toList());
        int funnelId = ensureFunnel(ensureGoals(FUNNEL_STEPS));
        List<QueryBench.Report> reports = reports(site, ranges, GOALS, reported.stream().map(Stored::name).toList(), currency, funnelId,
                List.of("30d", "90d"), today);
        out.printf("bench query --goals: %d reports (%d goals %s, %s; funnel %d), %d warm-up + %d measured rounds → %s%n", reports.size(),
                reported.size(), reported.stream().map(Stored::name).toList(), ranges, funnelId, warmup, rounds, server);
        Map<QueryBench.Report, QueryBench.Samples> samples = new QueryBench(server, token).run(reports, warmup, rounds, out);
        out.println(QueryBenchCommand.table(samples));
        List<History> histories = new ArrayList<>();
        for (int i = 0; i < historyRuns; i++) {
            History h = history(today, Duration.ofMinutes(10), out);
            out.printf("bench query --goals: history goal %d/%d: %.2f s, %d answers asked, %,d conversions (reference %,d)%n", i + 1,
                    historyRuns, h.seconds(), h.polls(), h.conversions(), h.reference());
            histories.add(h);
        }
        return verdict(samples, histories, out);
    }

    /** A goal as the site stores it: its id and display name. */
    record Stored(int id, String name) {
    }

    /** The stored goal of each definition, creating those the site does not have. */
    List<Stored> ensureGoals(List<GoalInfo> definitions) throws IOException, InterruptedException {
        List<Stored> stored = new ArrayList<>();
        for (GoalInfo d : definitions) {
            stored.add(ensureGoal(d));
        }
        return stored;
    }

    Stored ensureGoal(GoalInfo definition) throws IOException, InterruptedException {
        Optional<Stored> existing = findGoal(definition);
        if (existing.isPresent()) {
            return existing.get();
        }
        HttpResponse<String> res = send("POST", goalsPath(), json.writeValueAsString(definition));
        if (res.statusCode() == 201) {
            JsonNode g = json.readTree(res.body());
            return new Stored(g.path("id").asInt(), g.path("display_name").asText());
        }
        // 409: created meanwhile, or a goal of the same name with another definition (then an error).
        return findGoal(definition).orElseThrow(() -> new IOException("cannot create goal " + definition + ": " + res.statusCode()
                + " " + res.body()));
    }

    private Optional<Stored> findGoal(GoalInfo definition) throws IOException, InterruptedException {
        HttpResponse<String> res = send("GET", goalsPath(), null);
        ok(res, goalsPath());
        for (GoalInfo g : json.readValue(res.body(), GoalInfo[].class)) {
            if (sameDefinition(g, definition)) {
                return Optional.of(new Stored(g.id(), g.displayName()));
            }
        }
        return Optional.empty();
    }

    /** Same kind, page pattern, event name, property matches and threshold; the display name does not count. */
    static boolean sameDefinition(GoalInfo a, GoalInfo b) {
        Map<String, String> pa = a.customProps() == null ? Map.of() : a.customProps();
        Map<String, String> pb = b.customProps() == null ? Map.of() : b.customProps();
        return Objects.equals(a.goalType(), b.goalType()) && Objects.equals(a.pagePath(), b.pagePath())
                && Objects.equals(a.eventName(), b.eventName()) && pa.equals(pb)
                && Objects.equals(a.scrollThreshold(), b.scrollThreshold());
    }

    /** The id of the bench funnel over {@code steps}, created (or its steps reset) when needed. */
    int ensureFunnel(List<Stored> steps) throws IOException, InterruptedException {
        List<Integer> ids = steps.stream().map(Stored::id).toList();
        String path = "/api/v1/sites/" + enc(site) + "/funnels";
        HttpResponse<String> list = send("GET", path, null);
        ok(list, path);
        for (FunnelInfo f : json.readValue(list.body(), FunnelInfo[].class)) {
            if (FUNNEL_NAME.equals(f.name())) {
                if (!ids.equals(f.steps())) {
                    ok(send("PATCH", path + "/" + f.id(), json.writeValueAsString(new FunnelInfo(null, null, ids))), path);
                }
                return f.id();
            }
        }
        HttpResponse<String> res = send("POST", path, json.writeValueAsString(new FunnelInfo(null, FUNNEL_NAME, ids)));
        if (res.statusCode() != 201) {
            throw new IOException("cannot create funnel: " + res.statusCode() + " " + res.body());
        }
        return json.readTree(res.body()).path("id").asInt();
    }

    /**
     * The timed reports: per range, each goal's aggregate, timeseries and goal-filtered breakdowns,
     * and the {@code event:goal} breakdown; then the funnel at each of {@code funnelRanges}.
     */
    static List<QueryBench.Report> reports(String site, List<String> ranges, List<BenchGoal> goals, List<String> names, String currency,
                                           int funnelId, List<String> funnelRanges, LocalDate today) {
        List<QueryBench.Report> reports = new ArrayList<>();
        for (String range : ranges) {
            String base = "site_id=" + enc(site) + "&" + QueryBench.period(range, today);
            for (int i = 0; i < goals.size(); i++) {
                BenchGoal goal = goals.get(i);
                String filter = "event:goal==" + names.get(i);
                String filtered = base + "&filters=" + enc(filter);
                String money = goal.revenue() ? ",total_revenue,average_revenue" : "";
                String cur = goal.revenue() ? "&currency=" + currency : "";
                String label = "goal " + goal.role();
                reports.add(new QueryBench.Report(label + ": aggregate", range, filter, "/api/v1/stats/aggregate?" + filtered
                        + "&metrics=visitors,events,conversion_rate" + money + "&compare=previous_period" + cur));
                reports.add(new QueryBench.Report(label + ": timeseries", range, filter, "/api/v1/stats/timeseries?" + filtered
                        + "&interval=day&metrics=visitors,events,conversion_rate" + money + cur));
                for (String property : GOAL_FILTERED_BREAKDOWNS) {
                    reports.add(new QueryBench.Report(label + ": breakdown " + property, range, filter, "/api/v1/stats/breakdown?"
                            + filtered + "&property=" + property + "&metrics=visitors,events,conversion_rate,group_conversion_rate"
                            + money + "&limit=10" + cur));
                }
            }
            reports.add(new QueryBench.Report("breakdown event:goal", range, "", "/api/v1/stats/breakdown?" + base
                    + "&property=event:goal&metrics=visitors,events,conversion_rate&limit=100"));
        }
        for (String range : funnelRanges) {
            reports.add(new QueryBench.Report("funnel 5 steps", range, "", "/api/v1/stats/funnel?site_id=" + enc(site) + "&"
                    + QueryBench.period(range, today) + "&funnel_id=" + funnelId));
        }
        return reports;
    }

    /** One measurement of a new goal's history: seconds to the first correct 90-day answer, and how many answers were asked. */
    record History(double seconds, int polls, long conversions, long reference) {
    }

    /**
     * Deletes {@link #HISTORY_GOAL} if the site has it, counts the reference (pageviews on the
     * pages the pattern matches, through {@code event:page==…}), creates the goal and asks its
     * 90-day aggregate until its total conversions equal the reference.
     */
    History history(LocalDate today, Duration timeout, PrintStream out) throws IOException, InterruptedException {
        Optional<Stored> old = findGoal(HISTORY_GOAL);
        if (old.isPresent()) {
            HttpResponse<String> res = send("DELETE", goalsPath() + "/" + old.get().id(), null);
            if (res.statusCode() != 204) {
                throw new IOException("cannot delete the history goal: " + res.statusCode() + " " + res.body());
            }
        }
        String base = "site_id=" + enc(site) + "&" + QueryBench.period("90d", today);
        String pagesPath = "/api/v1/stats/breakdown?" + base + "&property=event:page&metrics=pageviews&limit=1000";
        HttpResponse<String> pages = send("GET", pagesPath, null);
        ok(pages, pagesPath);
        Pattern pattern = glob(HISTORY_GOAL.pagePath());
        List<String> matched = new ArrayList<>();
        for (JsonNode row : json.readTree(pages.body()).path("results")) {
            String page = row.path("page").asText();
            if (pattern.matcher(page).matches()) {
                matched.add(page);
            }
        }
        if (matched.isEmpty()) {
            throw new IOException("no page of " + site + " matches " + HISTORY_GOAL.pagePath() + ": is it the shop kind?");
        }
        String refPath = "/api/v1/stats/aggregate?" + base + "&metrics=pageviews&filters=" + enc("event:page==" + String.join("|", matched));
        HttpResponse<String> ref = send("GET", refPath, null);
        ok(ref, refPath);
        long reference = json.readTree(ref.body()).path("results").path("pageviews").path("value").asLong();
        long start = System.nanoTime();
        HttpResponse<String> created = send("POST", goalsPath(), json.writeValueAsString(HISTORY_GOAL));
        if (created.statusCode() != 201) {
            throw new IOException("cannot create the history goal: " + created.statusCode() + " " + created.body());
        }
        String goalPath = "/api/v1/stats/aggregate?" + base + "&metrics=visitors,events&filters="
                + enc("event:goal==" + HISTORY_GOAL.displayName());
        int polls = 0;
        long conversions = -1;
        while (System.nanoTime() - start < timeout.toNanos()) {
            HttpResponse<String> res = send("GET", goalPath, null);
            ok(res, goalPath);
            polls++;
            conversions = json.readTree(res.body()).path("results").path("events").path("value").asLong();
            if (conversions == reference) {
                return new History((System.nanoTime() - start) / 1e9, polls, conversions, reference);
            }
            Thread.sleep(250);
        }
        out.printf("bench query: the history goal answered %,d conversions, the reference is %,d, after %s%n", conversions, reference,
                timeout);
        return new History(Double.NaN, polls, conversions, reference);
    }

    /** A goal page pattern as the server reads it: {@code *} within a segment, {@code **} across {@code /}, {@code |} between alternatives. */
    static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String alt : pattern.split("\\|")) {
            regex.append(regex.isEmpty() ? "" : "|").append("(?:");
            String a = alt.strip();
            int from = 0;
            for (int i = 0; i < a.length(); i++) {
                if (a.charAt(i) == '*') {
                    if (i > from) {
                        regex.append(Pattern.quote(a.substring(from, i)));
                    }
                    boolean across = i + 1 < a.length() && a.charAt(i + 1) == '*';
                    regex.append(across ? ".*" : "[^/]*");
                    i += across ? 1 : 0;
                    from = i + 1;
                }
            }
            if (from < a.length()) {
                regex.append(Pattern.quote(a.substring(from)));
            }
            regex.append(')');
        }
        return Pattern.compile(regex.toString());
    }

    /** The slowest p95 of each target group against its target; prints them and returns whether all are met. */
    static boolean verdict(Map<QueryBench.Report, QueryBench.Samples> samples, List<History> histories, PrintStream out) {
        double goals = 0;
        double funnel30 = 0;
        double funnel90 = 0;
        for (var e : samples.entrySet()) {
            QueryBench.Samples s = e.getValue();
            double p95 = Double.isNaN(s.serverP(95)) ? s.clientP(95) : s.serverP(95);
            if (!e.getKey().endpoint().startsWith("funnel")) {
                goals = Math.max(goals, p95);
            } else if (e.getKey().range().equals("30d")) {
                funnel30 = Math.max(funnel30, p95);
            } else {
                funnel90 = Math.max(funnel90, p95);
            }
        }
        double history = histories.stream().mapToDouble(h -> Double.isNaN(h.seconds()) ? Double.POSITIVE_INFINITY : h.seconds())
                .max().orElse(0);
        boolean okGoals = goals <= GOAL_TARGET_MS;
        boolean okFunnel = funnel30 <= FUNNEL_30D_TARGET_MS && funnel90 <= FUNNEL_90D_TARGET_MS;
        boolean okHistory = history <= HISTORY_TARGET_S;
        out.printf("bench query --goals: slowest goal report p95 %.1f ms (target ≤ %.0f): %s%n", goals, GOAL_TARGET_MS, met(okGoals));
        out.printf("bench query --goals: 5-step funnel p95 %.1f ms over 30 days (target ≤ %.0f), %.1f ms over longer ranges (target ≤ %.0f): %s%n",
                funnel30, FUNNEL_30D_TARGET_MS, funnel90, FUNNEL_90D_TARGET_MS, met(okFunnel));
        if (!histories.isEmpty()) {
            out.printf("bench query --goals: a new pattern goal's 90 days answered correctly after at most %.2f s (target ≤ %.0f): %s%n",
                    history, HISTORY_TARGET_S, met(okHistory));
        }
        return okGoals && okFunnel && okHistory;
    }

    private static String met(boolean ok) {
        return ok ? "met" : "NOT met";
    }

    private String goalsPath() {
        return "/api/v1/sites/" + enc(site) + "/goals";
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.resolve(path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void ok(HttpResponse<String> res, String path) throws IOException {
        if (res.statusCode() / 100 != 2) {
            throw new IOException(path + " answered " + res.statusCode() + ": " + res.body());
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
