package dev.footfall.server.tracker;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * Serves the tracker built by the {@code tracker} module. {@code GET /tracker.js} may be cached
 * for a day (so a release reaches every site within a day) and revalidated cheaply by its strong
 * ETag; {@code GET /js/tracker.<hash>.js} is the same bytes under a content-addressed,
 * immutable name for embeds that want to pin a version. Both are gzipped once at start-up and
 * sent compressed to clients that accept it. {@code GET /tracker-demo.html} (and {@code /demo/*},
 * so the demo's SPA routes survive a reload) serve the demo page.
 */
public final class TrackerService implements HttpService {
    static final String SCRIPT_RESOURCE = "dev/footfall/tracker/tracker.js";
    static final String DEMO_RESOURCE = "dev/footfall/tracker/tracker-demo.html";
    static final String CACHE_ONE_DAY = "public, max-age=86400";
    static final String CACHE_IMMUTABLE = "public, max-age=31536000, immutable";

    private final byte[] script;
    private final byte[] scriptGzip;
    private final byte[] demo;
    /** First 12 hex digits of the script's SHA-256: the ETag and the versioned file name. */
    private final String hash;

    private TrackerService(byte[] script, byte[] demo) {
        this.script = script;
        this.scriptGzip = gzip(script);
        this.demo = demo;
        this.hash = sha256(script).substring(0, 12);
    }

    /** Loads the tracker from the classpath; fails at start-up if the build did not produce it. */
    public static TrackerService fromClasspath() {
        return new TrackerService(resource(SCRIPT_RESOURCE), resource(DEMO_RESOURCE));
    }

    /** The versioned path of the current script, for snippets that pin it. */
    public String versionedPath() {
        return "/js/tracker." + hash + ".js";
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/tracker.js", (req, res) -> sendScript(req, res, CACHE_ONE_DAY))
                .get("/js/{file}", this::handleVersioned)
                .get("/tracker-demo.html", this::handleDemo)
                .get("/demo/*", this::handleDemo);
    }

    private void handleVersioned(ServerRequest req, ServerResponse res) {
        if (!("tracker." + hash + ".js").equals(req.path().pathParameters().get("file"))) {
            res.status(Status.NOT_FOUND_404).send();
            return;
        }
        sendScript(req, res, CACHE_IMMUTABLE);
    }

    private void sendScript(ServerRequest req, ServerResponse res, String cacheControl) {
        String etag = "\"" + hash + "\"";
        res.header(HeaderNames.CONTENT_TYPE, "application/javascript; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, cacheControl);
        res.header(HeaderNames.ETAG, etag);
        res.header(HeaderNames.VARY, "Accept-Encoding");
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        if (req.headers().first(HeaderNames.IF_NONE_MATCH).map(v -> v.contains(etag)).orElse(false)) {
            res.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        boolean gzip = req.headers().first(HeaderNames.ACCEPT_ENCODING).map(v -> v.contains("gzip")).orElse(false);
        if (gzip) {
            res.header(HeaderNames.CONTENT_ENCODING, "gzip");
            res.send(scriptGzip);
        } else {
            res.send(script);
        }
    }

    private void handleDemo(ServerRequest req, ServerResponse res) {
        res.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8"));
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.send(demo);
    }

    private static byte[] resource(String name) {
        try (InputStream in = TrackerService.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("tracker: " + name + " is not on the classpath; build the tracker module");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("tracker: cannot read " + name, e);
        }
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
