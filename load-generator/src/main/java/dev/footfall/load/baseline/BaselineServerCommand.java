package dev.footfall.load.baseline;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baseline-server --port P}: runs the bare Helidon ceiling until Ctrl-C. */
@Command(name = "baseline-server", mixinStandardHelpOptions = true,
        description = "Run a bare Helidon SE server whose POST /api/event reads the body and answers 202 (the ingest ceiling).")
public final class BaselineServerCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "18090", description = "Port to listen on (0 = any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind. Default: ${DEFAULT-VALUE} (loopback only).")
    String host;

    @Override
    public Integer call() throws InterruptedException {
        BaselineServer server = BaselineServer.start(host, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            System.out.println("baseline-server: stopped after " + server.received() + " requests");
            stopped.countDown();
        }, "baseline-shutdown"));
        System.out.println("baseline-server: listening on http://" + host + ":" + server.port() + " (Ctrl-C to stop)");
        stopped.await();
        return 0;
    }
}
