package dev.footfall.load.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bench}: the benchmarks whose output goes into docs/benchmarks-history.md. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks: ingest throughput, dashboard queries and the database's insert ceiling.",
        subcommands = {IngestBenchCommand.class, QueryBenchCommand.class, InsertCeilingCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a benchmark: ingest, query or insert-ceiling");
    }
}
