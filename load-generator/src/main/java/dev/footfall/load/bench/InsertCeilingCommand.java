package dev.footfall.load.bench;

import dev.footfall.load.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench insert-ceiling}: the database's own multi-row insert rate for events-shaped rows. */
@Command(name = "insert-ceiling", mixinStandardHelpOptions = true,
        description = {"Multi-row INSERT rate of events-shaped rows into a scratch copy of events (dropped afterwards).",
                "The database's ceiling for raw rows; the server also writes visits and rollups per batch."})
public final class InsertCeilingCommand implements Callable<Integer> {
    @Option(names = "--jdbc", required = true, description = "JDBC URL, e.g. jdbc:mysql://127.0.0.1:PORT/footfall.")
    String jdbc;

    @Option(names = "--db-user", defaultValue = "root", description = "Default: ${DEFAULT-VALUE}.")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "", description = "Default: empty.")
    String dbPassword;

    @Option(names = "--duration", defaultValue = "20s", converter = DurationText.Converter.class, description = "Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--rows-per-insert", defaultValue = "1000", description = "Rows per INSERT statement (server: 1000). Default: ${DEFAULT-VALUE}.")
    int rowsPerInsert;

    @Option(names = "--rows-per-commit", defaultValue = "2000", description = "Rows per transaction (server batch: 2000). Default: ${DEFAULT-VALUE}.")
    int rowsPerCommit;

    @Option(names = "--threads", defaultValue = "1", description = "Concurrent writers (server: 1). Default: ${DEFAULT-VALUE}.")
    int threads;

    @Override
    public Integer call() throws Exception {
        InsertCeiling ceiling = new InsertCeiling(jdbc, dbUser, dbPassword);
        ceiling.createTable();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<InsertCeiling.Result>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = t;
                runs.add(pool.submit(() -> ceiling.run(duration.toMillis(), rowsPerInsert, rowsPerCommit, seed)));
            }
            double total = 0;
            long rows = 0;
            for (Future<InsertCeiling.Result> run : runs) {
                InsertCeiling.Result r = run.get();
                total += r.rowsPerSecond();
                rows += r.rows();
            }
            System.out.printf(Locale.ROOT, "bench insert-ceiling: %d rows in %s, %d writer(s), %d rows/INSERT, %d rows/commit: %.0f rows/s%n",
                    rows, DurationText.format(duration), threads, rowsPerInsert, rowsPerCommit, total);
        } finally {
            ceiling.dropTable();
        }
        return 0;
    }
}
