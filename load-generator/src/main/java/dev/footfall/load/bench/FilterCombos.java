package dev.footfall.load.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * {@code bench query --combos N}: the filter combinations of issue 16, timed. A fixed set, printed
 * before the run and the same for the same {@code --combo-seed}: first the issue's four measured
 * requests, then, for every dimension the console filters by (page, source, country, device,
 * browser, OS, UTM source and campaign, channel, a custom property) and every operator ({@code ==},
 * {@code !=}, {@code ~}), a combination holding that condition with 0 to 2 more conditions on other
 * dimensions (1 to 3 filters in turn), with one of the console's reports (aggregate with
 * comparison, daily timeseries, or a breakdown by source, country, region, city, device, browser,
 * OS, page, entry or exit page, UTM source/medium/campaign or channel, with the panel's metrics,
 * limit 10). Values are the shop site's ({@code site1.example} of {@code simulate}). Each
 * combination runs once per range per round, one request at a time; per combination and range it
 * prints the server's p50/p95 (its {@code Server-Timing}, else the client's) and the verdict:
 * p95 ≤ 1 s at 90 days, ≤ 300 ms at 30 days and less, and ≤ 50 ms for a single {@code ==} filter
 * the rollups answer. A request that outlasts {@code --combo-timeout} counts as that long and
 * missed; its later rounds at that range are skipped, so a slow baseline finishes.
 */
public final class FilterCombos {
    static final double RANGE_TARGET_90_MS = 1000;
    static final double RANGE_TARGET_MS = 300;
    static final double ROLLUP_TARGET_MS = 50;
    private static final Pattern DURATION = Pattern.compile("dur=([0-9.]+)");

    /** The {@code bench query} options of this benchmark, mixed into {@link QueryBenchCommand}. */
    public static final class Options {
        @Option(names = "--combos", defaultValue = "0",
                description = "Run the filter-combination benchmark with this many combinations (0: the dashboard benchmark). Default: ${DEFAULT-VALUE}.")
        int combos;

        @Option(names = "--combo-seed", defaultValue = "16", description = "Seed of the combinations. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--combo-timeout", defaultValue = "120", description = "Seconds a combination's request may take. Default: ${DEFAULT-VALUE}.")
        int timeoutS;

        @Option(names = "--combo-only", split = ",", description = "Run only these combination numbers (of the printed set).")
        List<Integer> only;

        public boolean enabled() {
            return combos > 0;
        }
    }

    /** One condition in v1 syntax ({@code visit:browser!=Chrome}): its dimension and operator. */
    record Condition(String dimension, String op, String value) {
        String text() {
            return dimension + op + value;
        }
    }

    /** A report the console requests: endpoint, property (breakdowns) and metrics. */
    record Report(String endpoint, String property, String metrics) {
        String label() {
            return property.isEmpty() ? endpoint : "breakdown " + property;
        }
    }

    /** One combination: its number in the printed set, its filters and its report. */
    record Combo(int number, List<Condition> filters, Report report) {
        String filterText() {
            return String.join(";", filters.stream().map(Condition::text).toList());
        }

        boolean singleIs() {
            return filters.size() == 1 && filters.getFirst().op().equals("==");
        }
    }

    /** Per dimension, a value for each operator: {@code ==}, {@code !=}, {@code ~} (a substring). */
    static final Map<String, List<String>> VALUES = values();

    private static Map<String, List<String>> values() {
        Map<String, List<String>> v = new LinkedHashMap<>();
        v.put("event:page", List.of("/cart", "/", "product"));
        v.put("visit:source", List.of("Google", "Direct / None", "oo"));
        v.put("visit:country", List.of("US", "DE", "U"));
        v.put("visit:device", List.of("Mobile", "Desktop", "ablet"));
        v.put("visit:browser", List.of("Chrome", "Chrome", "Fire"));
        v.put("visit:os", List.of("Windows", "iOS", "Mac"));
        v.put("visit:utm_source", List.of("newsletter", "google", "news"));
        v.put("visit:utm_campaign", List.of("black-friday", "brand-search", "launch"));
        v.put("visit:channel", List.of("Organic Search", "Direct", "Social"));
        v.put("event:props:product", List.of("trail-shoes", "rain-jacket", "shoes"));
        return v;
    }

    static final List<String> OPS = List.of("==", "!=", "~");

    /** The console's reports: the headline, the chart and every breakdown tab, with the panel's metrics. */
    static final List<Report> REPORTS = List.of(
            new Report("aggregate", "", "visitors,visits,pageviews,views_per_visit,bounce_rate,visit_duration"),
            new Report("timeseries", "", "visitors,pageviews"),
            new Report("breakdown", "visit:source", "visitors"),
            new Report("breakdown", "visit:country", "visitors"),
            new Report("breakdown", "visit:region", "visitors"),
            new Report("breakdown", "visit:city", "visitors"),
            new Report("breakdown", "visit:device", "visitors"),
            new Report("breakdown", "visit:browser", "visitors"),
            new Report("breakdown", "visit:os", "visitors"),
            new Report("breakdown", "event:page", "visitors,pageviews"),
            new Report("breakdown", "visit:entry_page", "visitors,visits"),
            new Report("breakdown", "visit:exit_page", "visits"),
            new Report("breakdown", "visit:utm_source", "visitors"),
            new Report("breakdown", "visit:utm_medium", "visitors"),
            new Report("breakdown", "visit:utm_campaign", "visitors"),
            new Report("breakdown", "visit:channel", "visitors"));

    /** The issue's four measured requests, then one combination per dimension × operator, up to {@code count}. */
    static List<Combo> combos(int count, long seed) {
        List<Combo> list = new ArrayList<>();
        list.add(new Combo(1, List.of(new Condition("event:page", "~", "product")), REPORTS.get(0)));
        list.add(new Combo(2, List.of(new Condition("visit:browser", "!=", "Chrome")), REPORTS.get(0)));
        list.add(new Combo(3, List.of(new Condition("visit:source", "==", "Google"), new Condition("visit:country", "==", "US")),
                REPORTS.get(0)));
        list.add(new Combo(4, List.of(new Condition("event:page", "==", "/cart")), new Report("breakdown", "visit:source", "visitors,bounce_rate")));
        Random random = new Random(seed);
        List<String> dims = new ArrayList<>(VALUES.keySet());
        int reportAt = random.nextInt(REPORTS.size());
        int n = 0;
        while (list.size() < count) {
            String dim = dims.get(n % dims.size());
            int op = (n / dims.size()) % OPS.size();
            int size = 1 + n % 3;
            List<Condition> filters = new ArrayList<>();
            filters.add(new Condition(dim, OPS.get(op), VALUES.get(dim).get(op)));
            while (filters.size() < size) {
                String other = dims.get(random.nextInt(dims.size()));
                if (filters.stream().noneMatch(f -> f.dimension().equals(other))) {
                    int o = random.nextInt(OPS.size());
                    filters.add(new Condition(other, OPS.get(o), VALUES.get(other).get(o)));
                }
            }
            Report report = REPORTS.get(reportAt++ % REPORTS.size());
            if (report.property().equals("visit:source") && random.nextBoolean()) {
                report = new Report("breakdown", "visit:source", "visitors,bounce_rate");
            }
            list.add(new Combo(list.size() + 1, List.copyOf(filters), report));
            n++;
        }
        return list;
    }

    /** The path of {@code combo} over {@code range} ({@code 7d}, {@code 30d}, {@code 90d}). */
    static String path(String site, Combo combo, String range, LocalDate today) {
        String base = "site_id=" + enc(site) + "&" + QueryBench.period(range, today) + "&filters=" + enc(combo.filterText())
                + "&metrics=" + combo.report().metrics();
        return switch (combo.report().endpoint()) {
            case "aggregate" -> "/api/v1/stats/aggregate?" + base + "&compare=previous_period";
            case "timeseries" -> "/api/v1/stats/timeseries?" + base + "&interval=day";
            default -> "/api/v1/stats/breakdown?" + base + "&property=" + enc(combo.report().property()) + "&limit=10";
        };
    }

    /** Timings of one combination at one range. */
    static final class Samples {
        final List<Double> ms = new ArrayList<>();
        String source = "?";
        boolean timedOut;
    }

    private record Key(Combo combo, String range) {
    }

    private final URI server;
    private final String token;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    FilterCombos(URI server, String token, Duration timeout) {
        this.server = server;
        this.token = token;
        this.timeout = timeout;
    }

    /** Prints the set, runs it and prints the table and verdict; true when every combination meets its target. */
    static boolean run(Options o, URI server, String token, String site, List<String> ranges, LocalDate today, int warmup, int rounds,
                       PrintStream out) throws IOException, InterruptedException {
        List<Combo> combos = combos(o.combos, o.seed);
        if (o.only != null && !o.only.isEmpty()) {
            combos = combos.stream().filter(c -> o.only.contains(c.number())).toList();
        }
        out.printf("bench query --combos %d --combo-seed %d: %d combinations × %s, %d warm-up + %d measured rounds → %s%n", o.combos, o.seed,
                combos.size(), ranges, warmup, rounds, server);
        for (Combo c : combos) {
            out.printf("  #%d  %-70s %s (%s)%n", c.number(), c.filterText(), c.report().label(), c.report().metrics());
        }
        FilterCombos bench = new FilterCombos(server, token, Duration.ofSeconds(o.timeoutS));
        Map<Key, Samples> samples = new LinkedHashMap<>();
        for (Combo c : combos) {
            for (String range : ranges) {
                samples.put(new Key(c, range), new Samples());
            }
        }
        for (int round = 0; round < warmup + rounds; round++) {
            long start = System.nanoTime();
            for (var e : samples.entrySet()) {
                Samples s = e.getValue();
                if (s.timedOut) {
                    continue;
                }
                bench.time(path(site, e.getKey().combo(), e.getKey().range(), today), s, round >= warmup);
            }
            out.printf("bench query --combos: round %d/%d (%s) in %.1f s%n", round + 1, warmup + rounds, round < warmup ? "warm-up" : "measured",
                    (System.nanoTime() - start) / 1e9);
        }
        out.println(table(samples, ranges, o.timeoutS));
        return verdict(samples, out);
    }

    private void time(String path, Samples s, boolean measured) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(server.resolve(path)).timeout(timeout)
                .header("Authorization", "Bearer " + token).GET().build();
        long start = System.nanoTime();
        try {
            HttpResponse<Void> res = http.send(request, HttpResponse.BodyHandlers.discarding());
            double clientMs = (System.nanoTime() - start) / 1e6;
            if (res.statusCode() != 200) {
                throw new IOException(path + " answered " + res.statusCode());
            }
            s.source = res.headers().firstValue("X-Footfall-Source").orElse("?");
            if (measured) {
                s.ms.add(res.headers().firstValue("Server-Timing").map(DURATION::matcher).filter(Matcher::find)
                        .map(m -> Double.parseDouble(m.group(1))).orElse(clientMs));
            }
        } catch (HttpTimeoutException e) {
            s.timedOut = true;
            s.ms.add(timeout.toMillis() * 1.0);
        }
    }

    /** The target a combination's p95 is judged by at {@code range}. */
    static double target(Combo c, String range, String source) {
        if (c.singleIs() && source.equals("rollup")) {
            return ROLLUP_TARGET_MS;
        }
        return days(range) > 30 ? RANGE_TARGET_90_MS : RANGE_TARGET_MS;
    }

    private static int days(String range) {
        return Integer.parseInt(range.substring(0, range.length() - 1));
    }

    private static String table(Map<Key, Samples> samples, List<String> ranges, int timeoutS) {
        StringBuilder t = new StringBuilder("| # | filters | report | source |");
        StringBuilder rule = new StringBuilder("| ---: | --- | --- | --- |");
        for (String r : ranges) {
            t.append(" ").append(r).append(" p50 | ").append(r).append(" p95 |");
            rule.append(" ---: | ---: |");
        }
        t.append("\n").append(rule).append("\n");
        Combo last = null;
        for (var e : samples.entrySet()) {
            Combo c = e.getKey().combo();
            if (c.equals(last)) {
                continue;
            }
            last = c;
            String source = samples.get(new Key(c, ranges.getLast())).source;
            t.append(String.format(Locale.ROOT, "| %d | `%s` | %s | %s |", c.number(), c.filterText(), c.report().label(), source));
            for (String r : ranges) {
                Samples s = samples.get(new Key(c, r));
                t.append(" ").append(ms(s, 50, timeoutS)).append(" | ").append(ms(s, 95, timeoutS)).append(" ").append(ok(c, r, s) ? "" : "✗")
                        .append(" |");
            }
            t.append("\n");
        }
        return t.toString();
    }

    private static String ms(Samples s, double p, int timeoutS) {
        if (s.timedOut && QueryBench.percentile(s.ms, p) >= timeoutS * 1000.0) {
            return "> " + timeoutS + " s";
        }
        return String.format(Locale.ROOT, "%.1f", QueryBench.percentile(s.ms, p));
    }

    private static boolean ok(Combo c, String range, Samples s) {
        return !s.timedOut && QueryBench.percentile(s.ms, 95) <= target(c, range, s.source);
    }

    private static boolean verdict(Map<Key, Samples> samples, PrintStream out) {
        int missed = 0;
        double worst = 0;
        String worstAt = "";
        for (var e : samples.entrySet()) {
            Samples s = e.getValue();
            if (!ok(e.getKey().combo(), e.getKey().range(), s)) {
                missed++;
            }
            double p95 = QueryBench.percentile(s.ms, 95);
            if (p95 > worst) {
                worst = p95;
                worstAt = "#" + e.getKey().combo().number() + " at " + e.getKey().range();
            }
        }
        out.printf(Locale.ROOT, "bench query --combos: %d of %d combination × range cells miss their target (p95 ≤ 1 s at 90 days, ≤ 300 ms"
                + " at 30 days and less, ≤ 50 ms for a single == from rollups); slowest p95 %.1f ms (%s): %s%n", missed, samples.size(), worst,
                worstAt, missed == 0 ? "met" : "NOT met");
        return missed == 0;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
