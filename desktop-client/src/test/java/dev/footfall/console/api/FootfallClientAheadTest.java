package dev.footfall.console.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.footfall.model.stats.SiteInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link FootfallClient#ahead()}: an answer fetched ahead serves the next identical GET once. */
class FootfallClientAheadTest {
    private final StubServer server = new StubServer();

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void theSameRequestTakesTheAnswerFetchedAheadOnce() {
        FootfallClient client = FootfallClient.create(server.url(), "token");
        assertEquals(List.of(new SiteInfo("a.example", "UTC")), client.ahead().sites());
        assertEquals(1, server.requests.get());

        assertEquals(List.of(new SiteInfo("a.example", "UTC")), client.sites());
        assertEquals(1, server.requests.get(), "answered from the ahead request");
        client.sites();
        assertEquals(2, server.requests.get(), "taken once only");
    }

    @Test
    void anotherRequestIsSentToTheServer() {
        FootfallClient client = FootfallClient.create(server.url(), "token");
        client.ahead().sites();
        client.currentVisitors("a.example");
        assertEquals(2, server.requests.get());
    }

    @Test
    void aFailedAheadRequestIsSentAgain() {
        server.failFirst = true;
        FootfallClient client = FootfallClient.create(server.url(), "token");
        assertThrows(ApiException.class, () -> client.ahead().sites());
        assertEquals(List.of(new SiteInfo("a.example", "UTC")), client.sites());
        assertEquals(2, server.requests.get());
    }

    /** HTTP/1.1 on a free local port: 500 for the first request if asked, else one site, for any path. */
    private static final class StubServer implements AutoCloseable {
        final AtomicInteger requests = new AtomicInteger();
        volatile boolean failFirst;
        private final ServerSocket socket;

        StubServer() {
            try {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread.ofPlatform().daemon().start(this::accept);
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    Thread.ofPlatform().daemon().start(() -> serve(connection));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(Socket connection) {
            try (connection;
                 BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                         StandardCharsets.US_ASCII))) {
                OutputStream out = connection.getOutputStream();
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.isEmpty()) {
                        continue;
                    }
                    int n = requests.incrementAndGet();
                    boolean fail = failFirst && n == 1;
                    byte[] body = (fail ? "{\"error\":\"boom\"}" : "[{\"domain\":\"a.example\",\"timezone\":\"UTC\"}]")
                            .getBytes(StandardCharsets.UTF_8);
                    out.write(((fail ? "HTTP/1.1 500 Internal Server Error" : "HTTP/1.1 200 OK")
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                }
            } catch (IOException closed) {
                // the client went away
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
