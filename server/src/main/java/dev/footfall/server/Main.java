package dev.footfall.server;

import dev.footfall.server.config.ConfigException;
import dev.footfall.server.config.ConfigLoader;
import dev.footfall.server.config.FootfallConfig;
import dev.footfall.server.config.JsonLogFormatter;
import dev.footfall.server.demo.DemoData;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * Starts Footfall: loads and validates the configuration (a bad value stops here, naming the
 * variable), starts the instance and its HTTP server, loads demo data when asked, and stops
 * everything cleanly on shutdown. {@code migrate} applies the schema and exits.
 */
public final class Main {
    private static final Logger LOG = Logger.getLogger(Main.class.getName());

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
        long startedNs = System.nanoTime();
        Footfall footfall = Footfall.start(config);
        if (args.length > 0 && args[0].equals("migrate")) {
            footfall.close();
            return;
        }
        WebServer server = WebServer.builder()
                .port(config.port())
                .routing(footfall::routing)
                .build()
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            footfall.close();
        }, "footfall-shutdown"));
        LOG.info(() -> "footfall: listening on http://localhost:" + server.port() + " (started in "
                + (System.nanoTime() - startedNs) / 1_000_000 + " ms)");
        if (config.demo()) {
            DemoData.loadInBackground(footfall);
        }
    }
}
