package dev.footfall.load.baseline;

import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bare Helidon ceiling: the same routes as the ingest server, each reading the whole body
 * and answering at once ({@code 202} for {@code /api/event}, {@code 201} for
 * {@code /api/session}), with no parsing, enrichment or storage. {@code bench ingest} against
 * it measures what the HTTP stack and the load generator alone can do on this machine; the
 * real server's numbers are read as a share of it. It counts the bodies it received, so a test
 * can check "acknowledged = received" without a database.
 */
public final class BaselineServer implements AutoCloseable {
    private final WebServer server;
    /** Requests answered since start; never reset. */
    private final LongAdder received = new LongAdder();

    private BaselineServer(String host, int port) {
        this.server = WebServer.builder()
                .host(host)
                .port(port)
                .routing(this::routing)
                .build();
    }

    /** Starts on {@code host:port} ({@code port} 0 picks a free one). */
    public static BaselineServer start(String host, int port) {
        BaselineServer baseline = new BaselineServer(host, port);
        baseline.server.start();
        return baseline;
    }

    private void routing(HttpRouting.Builder rules) {
        rules.post("/api/event", (req, res) -> handle(req, res, Status.ACCEPTED_202))
                .post("/api/session", (req, res) -> handle(req, res, Status.CREATED_201));
    }

    private void handle(ServerRequest req, ServerResponse res, Status status) {
        req.content().as(byte[].class);
        received.increment();
        res.status(status).send();
    }

    public int port() {
        return server.port();
    }

    public long received() {
        return received.sum();
    }

    @Override
    public void close() {
        server.stop();
    }
}
