package dev.footfall.load.bench;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench query}: the console's dashboard (aggregate with comparison, timeseries, six
 * breakdowns) for each range, unfiltered and with each filter, N rounds one request at a time;
 * prints p50/p95 per report, client-side and as the server measured it, and checks the targets:
 * unfiltered reports under 50 ms p95, reports with one filter under 300 ms p95 (server-side when
 * the server reports its time, else client-side). With {@code --combos N}, the filter combinations
 * of {@link FilterCombos} instead.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Dashboard query benchmark: p50/p95 per endpoint × range × filter against a running server."})
public final class QueryBenchCommand implements Callable<Integer> {
    static final double UNFILTERED_TARGET_MS = 50;
    static final double FILTERED_TARGET_MS = 300;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--server", defaultValue = "http://localhost:8080", description = "Footfall server. Default: ${DEFAULT-VALUE}.")
    URI server;

    @Option(names = "--token", defaultValue = "${env:FOOTFALL_ADMIN_TOKEN}", description = "API token. Default: $FOOTFALL_ADMIN_TOKEN.")
    String token;

    @Option(names = "--site", defaultValue = "site1.example", description = "Site to query. Default: ${DEFAULT-VALUE}.")
    String site;

    @Option(names = "--site-timezone", defaultValue = "Europe/Berlin", description = "The site's zone, for today's date. Default: ${DEFAULT-VALUE}.")
    String zone;

    @Option(names = "--ranges", split = ",", defaultValue = "7d,30d,90d", description = "Ranges (Nd). Default: ${DEFAULT-VALUE}.")
    List<String> ranges;

    @Option(names = "--filters", split = ";", defaultValue = "visit:source==Google;event:page==/cart",
            description = "Filters, each run as the dashboard's only filter, ';'-separated. Default: ${DEFAULT-VALUE}.")
    List<String> filters;

    @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--warmup", defaultValue = "1", description = "Unmeasured rounds first. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--goals", description = "Time the goal and funnel reports instead (GoalQueryBench); creates its goals with the admin --token.")
    boolean goals;

    @Option(names = "--currency", defaultValue = "EUR", description = "With --goals: the revenue goal's currency. Default: ${DEFAULT-VALUE}.")
    String currency;

    @Option(names = "--history-runs", defaultValue = "3", description = "With --goals: new-goal history measurements. Default: ${DEFAULT-VALUE}.")
    int historyRuns;

    @picocli.CommandLine.Mixin
    FilterCombos.Options combos = new FilterCombos.Options();

    @Override
    public Integer call() throws Exception {
        if (token == null || token.isBlank()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "bench query needs --token");
        }
        if (goals) {
            return new GoalQueryBench(server, token.strip(), site).run(ranges, currency, warmup, rounds, historyRuns,
                    LocalDate.now(ZoneId.of(zone)), System.out) ? 0 : 1;
        }
        if (combos.enabled()) {
            return FilterCombos.run(combos, server, token.strip(), site, ranges, LocalDate.now(ZoneId.of(zone)), warmup, rounds, System.out) ? 0 : 1;
        }
        List<QueryBench.Report> reports = QueryBench.dashboard(site, ranges, filters, LocalDate.now(ZoneId.of(zone)));
        System.out.printf("bench query: %d reports (%s × %d filters), %d warm-up + %d measured rounds → %s%n", reports.size(), ranges,
                filters.size() + 1, warmup, rounds, server);
        Map<QueryBench.Report, QueryBench.Samples> samples = new QueryBench(server, token.strip()).run(reports, warmup, rounds, System.out);
        System.out.println(table(samples));
        return verdict(samples) ? 0 : 1;
    }

    static String table(Map<QueryBench.Report, QueryBench.Samples> samples) {
        StringBuilder t = new StringBuilder("| report | range | filter | source | server p50 | server p95 | client p50 | client p95 |\n")
                .append("| --- | --- | --- | --- | ---: | ---: | ---: | ---: |\n");
        samples.forEach((r, s) -> t.append(String.format(java.util.Locale.ROOT, "| %s | %s | %s | %s | %.1f | %.1f | %.1f | %.1f |%n",
                r.endpoint(), r.range(), r.filter().isEmpty() ? "none" : "`" + r.filter() + "`", s.source(),
                s.serverP(50), s.serverP(95), s.clientP(50), s.clientP(95))));
        return t.toString();
    }

    /** Prints the slowest p95 with and without a filter against the targets; true when both are met. */
    static boolean verdict(Map<QueryBench.Report, QueryBench.Samples> samples) {
        double unfiltered = 0;
        double filtered = 0;
        for (var e : samples.entrySet()) {
            QueryBench.Samples s = e.getValue();
            double p95 = Double.isNaN(s.serverP(95)) ? s.clientP(95) : s.serverP(95);
            if (e.getKey().filter().isEmpty()) {
                unfiltered = Math.max(unfiltered, p95);
            } else {
                filtered = Math.max(filtered, p95);
            }
        }
        boolean ok = unfiltered < UNFILTERED_TARGET_MS && filtered < FILTERED_TARGET_MS;
        System.out.printf("bench query: slowest p95 unfiltered %.1f ms (target < %.0f), with one filter %.1f ms (target < %.0f): %s%n",
                unfiltered, UNFILTERED_TARGET_MS, filtered, FILTERED_TARGET_MS, ok ? "met" : "NOT met");
        return ok;
    }
}
