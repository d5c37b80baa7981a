package dev.footfall.server;

import dev.footfall.server.config.ConfigException;
import dev.footfall.server.config.ConfigLoader;
import dev.footfall.server.config.FootfallConfig;
import dev.footfall.server.config.JsonLogFormatter;
import io.helidon.logging.common.LogConfig;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Starts Footfall: loads and validates the configuration (a bad value stops here, naming the
 * variable), then runs the command line ({@link Cli}): serving HTTP by default, {@code migrate},
 * {@code token create|revoke}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        FootfallConfig config;
        try {
            config = ConfigLoader.load(Path.of("").toAbsolutePath());
        } catch (ConfigException e) {
            System.err.println("footfall: invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (config.jsonLogs()) {
            for (java.util.logging.Handler handler : java.util.logging.Logger.getLogger("").getHandlers()) {
                handler.setFormatter(new JsonLogFormatter());
            }
        }
        Cli cli = new Cli(config);
        int code = new CommandLine(cli).execute(args);
        if (!cli.serving()) {
            System.exit(code);
        }
    }
}
