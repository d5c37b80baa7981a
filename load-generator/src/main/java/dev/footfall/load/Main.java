package dev.footfall.load;

import dev.footfall.load.baseline.BaselineServerCommand;
import dev.footfall.load.bench.BenchCommand;
import dev.footfall.load.simulate.SimulateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar footfall-load.jar <command>}: the simulator, the benchmarks and the baseline server. */
@Command(name = "footfall-load", mixinStandardHelpOptions = true, version = "footfall-load 0.1.0",
        description = "Footfall's traffic simulator and benchmark harness.",
        subcommands = {SimulateCommand.class, BenchCommand.class, BaselineServerCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its converters; tests run commands through it. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .registerConverter(Rate.class, Rate::parse)
                .registerConverter(java.time.Duration.class, DurationText::parse);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a command: simulate, bench ingest, bench query, bench insert-ceiling, baseline-server");
    }
}
