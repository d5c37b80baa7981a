package dev.footfall.load.http;

import dev.footfall.load.stats.Outcome;
import dev.footfall.load.stats.RunStats;
import dev.footfall.load.wire.WireRequest;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A deliberately small HTTP/1.1 client for the closed-loop benchmark: one blocking keep-alive
 * socket per lane (each benchmark connection owns one lane, so no locking), requests written
 * in one buffer, the answer read as status line, headers and a Content-Length or chunked body.
 * It exists because the JDK {@code HttpClient} tops out at about 6,000 to 9,000 requests/s on
 * this 2-core machine (its selector thread and per-request futures), below the server under
 * test; this client does about four times that against the baseline server. It speaks only
 * what Footfall's ingest routes answer; {@code simulate} keeps using {@link Sender}.
 */
public final class RawHttpPoster implements Poster {
    private final InetSocketAddress address;
    private final String hostHeader;
    private final int timeoutMs;
    /** Open connection per lane; replaced after an I/O error or {@code Connection: close}. */
    private final ConcurrentMap<Integer, Connection> lanes = new ConcurrentHashMap<>();

    public RawHttpPoster(URI server, int timeoutMs) {
        if (!"http".equals(server.getScheme())) {
            throw new IllegalArgumentException("the raw client speaks plain http only: " + server);
        }
        int port = server.getPort() < 0 ? 80 : server.getPort();
        this.address = new InetSocketAddress(server.getHost(), port);
        this.hostHeader = server.getHost() + ":" + port;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public Outcome post(WireRequest request, String eventId, int lane, RunStats stats, long sinceNanos) {
        long start = sinceNanos;
        Connection connection = null;
        try {
            connection = lanes.get(lane);
            if (connection == null) {
                connection = new Connection();
                lanes.put(lane, connection);
            }
            Answer answer = connection.exchange(head(request, eventId), request.withEventId(eventId));
            if (answer.close()) {
                drop(lane, connection);
            }
            Outcome outcome = Sender.classify(answer.status(), answer.dropped());
            stats.answered(outcome, answer.status(), System.nanoTime() - start);
            return outcome;
        } catch (IOException e) {
            if (connection != null) {
                drop(lane, connection);
            }
            stats.unanswered(e.getClass().getSimpleName());
            return Outcome.FAILED;
        }
    }

    private String head(WireRequest request, String eventId) {
        StringBuilder head = new StringBuilder(256)
                .append("POST ").append(request.path()).append(" HTTP/1.1\r\nHost: ").append(hostHeader)
                .append("\r\nUser-Agent: ").append(request.userAgent())
                .append("\r\nContent-Type: ").append(request.takesEventId() ? "text/plain" : "application/json");
        if (request.forwardedFor() != null) {
            head.append("\r\nX-Forwarded-For: ").append(request.forwardedFor());
        }
        return head.append("\r\nContent-Length: ").toString();
    }

    private void drop(int lane, Connection connection) {
        lanes.remove(lane, connection);
        connection.close();
    }

    @Override
    public void close() {
        lanes.values().forEach(Connection::close);
        lanes.clear();
    }

    private record Answer(int status, boolean dropped, boolean close) {
    }

    private final class Connection {
        private final Socket socket = new Socket();
        private final OutputStream out;
        private final InputStream in;

        Connection() throws IOException {
            socket.setTcpNoDelay(true);
            socket.connect(address, 5000);
            socket.setSoTimeout(timeoutMs);
            out = new BufferedOutputStream(socket.getOutputStream(), 4096);
            in = new BufferedInputStream(socket.getInputStream(), 4096);
        }

        Answer exchange(String head, String body) throws IOException {
            byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
            out.write((head + bodyBytes.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(bodyBytes);
            out.flush();
            String statusLine = line();
            if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
                throw new IOException("not an HTTP/1.1 answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = 0;
            boolean chunked = false, dropped = false, close = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, Math.max(colon, 0)).strip().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).strip();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "x-footfall-dropped" -> dropped = true;
                    case "connection" -> close = value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].strip(), 16); size > 0;
                     size = Long.parseLong(line().split(";")[0].strip(), 16)) {
                    skip(size);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else {
                skip(length);
            }
            return new Answer(status, dropped, close);
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new EOFException("connection closed by the server");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        private void skip(long bytes) throws IOException {
            long left = bytes;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException("connection closed inside a body");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken connection; nothing to report
            }
        }
    }
}
