package dev.footfall.load.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's dashboard request set, timed: for each range and filter (none, then each given
 * one), the headline aggregate with {@code compare=previous_period}, the visitors/pageviews
 * timeseries and the six breakdowns (page, source, country, device, browser, OS; limit 10), as
 * {@code DashboardModel} and {@code BreakdownPanel} request them. Requests run one at a time, so a
 * latency is one report's, not a queue's. Records the client-side time, the server's own time
 * ({@code Server-Timing: total;dur=}) and where the answer came from ({@code X-Footfall-Source}).
 */
public final class QueryBench {
    private static final Pattern DURATION = Pattern.compile("dur=([0-9.]+)");
    static final List<String> BREAKDOWNS = List.of("event:page", "visit:source", "visit:country", "visit:device", "visit:browser", "visit:os");

    /** One report of the dashboard for one range and filter. */
    public record Report(String endpoint, String range, String filter, String path) {
    }

    /** Samples of one report over the rounds. */
    public static final class Samples {
        final List<Double> clientMs = new ArrayList<>();
        final List<Double> serverMs = new ArrayList<>();
        String source = "?";

        public double clientP(double p) {
            return percentile(clientMs, p);
        }

        public double serverP(double p) {
            return percentile(serverMs, p);
        }

        public String source() {
            return source;
        }
    }

    private final URI server;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public QueryBench(URI server, String token) {
        this.server = server;
        this.token = token;
    }

    /** Every report of the dashboard for {@code ranges} × (no filter + {@code filters}). */
    public static List<Report> dashboard(String site, List<String> ranges, List<String> filters, LocalDate today) {
        List<String> filterSet = new ArrayList<>();
        filterSet.add("");
        filterSet.addAll(filters);
        List<Report> reports = new ArrayList<>();
        for (String range : ranges) {
            for (String filter : filterSet) {
                String base = "site_id=" + enc(site) + "&" + period(range, today)
                        + (filter.isEmpty() ? "" : "&filters=" + enc(filter));
                reports.add(new Report("aggregate", range, filter, "/api/v1/stats/aggregate?" + base
                        + "&metrics=visitors,visits,pageviews,views_per_visit,bounce_rate,visit_duration&compare=previous_period"));
                reports.add(new Report("timeseries", range, filter, "/api/v1/stats/timeseries?" + base
                        + "&interval=day&metrics=visitors,pageviews"));
                for (String property : BREAKDOWNS) {
                    String metrics = property.equals("event:page") ? "visitors,pageviews" : "visitors";
                    reports.add(new Report("breakdown " + property, range, filter, "/api/v1/stats/breakdown?" + base
                            + "&property=" + property + "&metrics=" + metrics + "&limit=10"));
                }
            }
        }
        return reports;
    }

    /** {@code 7d} and {@code 30d} as the API's periods, other day counts as a custom range ending today. */
    static String period(String range, LocalDate today) {
        if (range.equals("7d") || range.equals("30d")) {
            return "period=" + range;
        }
        int days = Integer.parseInt(range.substring(0, range.length() - 1));
        return "period=custom&date=" + today.minusDays(days - 1) + "," + today;
    }

    /** Runs every report {@code warmup + rounds} times; samples the last {@code rounds}. */
    public Map<Report, Samples> run(List<Report> reports, int warmup, int rounds, java.io.PrintStream out)
            throws IOException, InterruptedException {
        Map<Report, Samples> samples = new LinkedHashMap<>();
        reports.forEach(r -> samples.put(r, new Samples()));
        for (int round = 0; round < warmup + rounds; round++) {
            long start = System.nanoTime();
            for (Report report : reports) {
                HttpResponse<Void> res = get(report.path());
                if (res.statusCode() != 200) {
                    throw new IOException(report.path() + " answered " + res.statusCode());
                }
                if (round >= warmup) {
                    Samples s = samples.get(report);
                    s.clientMs.add(lastMs);
                    res.headers().firstValue("Server-Timing").map(DURATION::matcher).filter(Matcher::find)
                            .ifPresent(m -> s.serverMs.add(Double.parseDouble(m.group(1))));
                    s.source = res.headers().firstValue("X-Footfall-Source").orElse("?");
                }
            }
            out.printf("bench query: round %d/%d (%s) in %.1f s%n", round + 1, warmup + rounds, round < warmup ? "warm-up" : "measured",
                    (System.nanoTime() - start) / 1e9);
        }
        return samples;
    }

    /** Client time of the last request, in ms. */
    private double lastMs;

    private HttpResponse<Void> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(server.resolve(path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token).GET().build();
        long start = System.nanoTime();
        HttpResponse<Void> res = http.send(request, HttpResponse.BodyHandlers.discarding());
        lastMs = (System.nanoTime() - start) / 1e6;
        return res;
    }

    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
