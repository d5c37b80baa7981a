package dev.footfall.server.tracker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A website on loopback that embeds the tracker from the Footfall server under test, the way a
 * site owner's pages do. Pages are registered per test. {@code /flaky/api/event} is a relay in
 * front of the real {@code /api/event} that stores the first event but answers the browser 503,
 * so the tracker's retry can be checked against what the server kept.
 */
final class TestSite implements AutoCloseable {
    private final HttpServer server;
    private final URI footfall;
    private final HttpClient http = HttpClient.newHttpClient();
    /** Path → HTML of the pages this site serves; filled by each test. */
    final Map<String, String> pages = new ConcurrentHashMap<>();
    /** Bodies the flaky relay received, in order. */
    final List<String> relayed = new CopyOnWriteArrayList<>();
    /** Requests the relay answered 503 so far; the first one only. */
    private final AtomicInteger failures = new AtomicInteger();

    TestSite(URI footfall) throws IOException {
        this.footfall = footfall;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::page);
        server.createContext("/flaky/api/event", this::flaky);
        server.start();
    }

    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Registers a page whose head embeds the tracker with the given script attributes. */
    String page(String path, String scriptAttributes, String headExtra, String body) {
        String html = "<!DOCTYPE html><html><head><meta charset=utf-8><title>" + path + "</title>" + headExtra
                + "<script defer " + scriptAttributes + " src=\"" + footfall + "/tracker.js\"></script></head><body>"
                + body + "</body></html>";
        pages.put(path, html);
        return origin() + path;
    }

    private void page(HttpExchange exchange) throws IOException {
        String html = pages.getOrDefault(exchange.getRequestURI().getPath(), "<!DOCTYPE html><title>other</title><p>other page</p>");
        send(exchange, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    private void flaky(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
        if ("OPTIONS".equals(exchange.getRequestMethod())) {
            send(exchange, 204, "text/plain", new byte[0]);
            return;
        }
        relayed.add(new String(body, StandardCharsets.UTF_8));
        int status;
        try {
            HttpRequest forward = HttpRequest.newBuilder(footfall.resolve("/api/event"))
                    .header("Content-Type", "text/plain")
                    .header("User-Agent", exchange.getRequestHeaders().getFirst("User-Agent"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            status = http.send(forward, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 503;
        }
        if (failures.getAndIncrement() == 0) {
            status = 503;
        }
        send(exchange, status, "text/plain", new byte[0]);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
