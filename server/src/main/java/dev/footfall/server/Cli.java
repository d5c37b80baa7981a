package dev.footfall.server;

import dev.footfall.server.auth.ApiTokens;
import dev.footfall.server.config.FootfallConfig;
import dev.footfall.server.demo.DemoData;
import dev.footfall.server.site.Site;
import io.helidon.webserver.WebServer;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * The command line of {@code footfall-server.jar}, parsed by picocli: no command serves HTTP;
 * {@code migrate} applies the schema and exits; {@code token create --name n [--site d] [--admin]}
 * prints a new API token once; {@code token revoke --name n} revokes one. Commands other than
 * serving start the instance (and so the embedded database, in embedded mode) just long enough
 * to do their work: stop a running embedded server first, or use {@code FOOTFALL_ADMIN_TOKEN}.
 */
@Command(name = "footfall-server", mixinStandardHelpOptions = true, subcommands = {Cli.Migrate.class, Cli.Token.class},
        description = "Self-hosted, privacy-friendly web analytics. Without a command: serve HTTP.")
final class Cli implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(Cli.class.getName());

    private final FootfallConfig config;
    /** Set when the HTTP server was started, so {@code Main} leaves the JVM running. */
    private boolean serving;

    Cli(FootfallConfig config) {
        this.config = config;
    }

    boolean serving() {
        return serving;
    }

    @Override
    public Integer call() {
        long startedNs = System.nanoTime();
        Footfall footfall = Footfall.start(config);
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
            DemoData.loadInBackground(footfall.sites(), footfall.imports(), footfall.goals(), footfall.funnels());
        }
        serving = true;
        return 0;
    }

    @Command(name = "migrate", description = "Apply database migrations and exit.")
    static final class Migrate implements Callable<Integer> {
        @ParentCommand
        Cli cli;

        @Override
        public Integer call() {
            Footfall.forCommand(cli.config).close();
            return 0;
        }
    }

    @Command(name = "token", description = "Create or revoke API tokens.", subcommands = {Create.class, Revoke.class})
    static final class Token {
        @ParentCommand
        Cli cli;
    }

    @Command(name = "create", description = "Create a token and print it (it is stored hashed and cannot be shown again).")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        Token token;
        @Option(names = "--name", required = true, description = "Unique name, e.g. the person or script using it.")
        String name;
        @Option(names = "--site", description = "Limit the token to this site's domain (default: all sites).")
        String site;
        @Option(names = "--admin", description = "Allow managing sites (create, change, delete).")
        boolean admin;

        @Override
        public Integer call() {
            try (Footfall footfall = Footfall.forCommand(token.cli.config)) {
                Optional<Integer> siteId = Optional.empty();
                if (site != null) {
                    Optional<Site> found = footfall.sites().find(site);
                    if (found.isEmpty()) {
                        System.err.println("footfall: no site " + site);
                        return 1;
                    }
                    siteId = Optional.of(found.get().id());
                }
                Optional<String> secret = new ApiTokens(footfall.dataSource()).create(name, siteId, admin);
                if (secret.isEmpty()) {
                    System.err.println("footfall: a token named " + name + " exists already");
                    return 1;
                }
                System.out.println(secret.get());
                return 0;
            }
        }
    }

    @Command(name = "revoke", description = "Revoke the token with this name.")
    static final class Revoke implements Callable<Integer> {
        @ParentCommand
        Token token;
        @Option(names = "--name", required = true)
        String name;

        @Override
        public Integer call() {
            try (Footfall footfall = Footfall.forCommand(token.cli.config)) {
                if (!new ApiTokens(footfall.dataSource()).revoke(name)) {
                    System.err.println("footfall: no live token named " + name);
                    return 1;
                }
                System.out.println("revoked " + name);
                return 0;
            }
        }
    }
}
