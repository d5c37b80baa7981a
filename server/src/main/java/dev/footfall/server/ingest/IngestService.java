package dev.footfall.server.ingest;

import dev.footfall.model.EventPayload;
import dev.footfall.model.SessionPayload;
import dev.footfall.server.enrich.ClientIpResolver;
import dev.footfall.server.event.Hit;
import dev.footfall.server.event.Outcome;
import dev.footfall.server.event.Prepared;
import dev.footfall.server.http.ApiException;
import dev.footfall.server.http.JsonBodies;
import dev.footfall.server.metrics.FootfallMetrics;
import dev.footfall.server.session.VisitorHasher;
import dev.footfall.server.spool.SpoolException;
import dev.footfall.server.spool.SpoolFullException;
import dev.footfall.server.store.SpooledIngest;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ingestion routes. {@code POST /api/event} (Plausible's Events API format) answers 202 and
 * {@code POST /api/session} (the old tracker's format) answers 201, both once the event is durable
 * in the server's local spool ({@link SpooledIngest}), from which it reaches MySQL within moments.
 * Deliberately dropped events (bots, unknown sites, duplicates) get the same status, with
 * {@code X-Footfall-Dropped: <reason>} (on {@code /api/event} also Plausible's
 * {@code x-plausible-dropped}; on {@code /api/session} also in the JSON body), so scripts never
 * retry them: the old tracker retries every 5 s until it sees a 201. CORS is open on these routes only.
 */
public final class IngestService implements HttpService {
    public static final int MAX_BODY_BYTES = 16 * 1024;
    /** The paths of these routes, whose error answers carry CORS headers too. */
    public static final Set<String> PATHS = Set.of("/api/event", "/api/session");
    static final HeaderName DROPPED = HeaderNames.create("X-Footfall-Dropped");
    static final HeaderName PLAUSIBLE_DROPPED = HeaderNames.create("x-plausible-dropped");

    private final EventIngestor ingestor;
    private final SpooledIngest spool;
    private final RecentEventIds recent = new RecentEventIds();
    private final RateLimiter rateLimiter;
    private final ClientIpResolver clientIps;
    private final VisitorHasher hasher;
    private final JsonBodies bodies;
    private final long commitTimeoutMs;
    private final FootfallMetrics metrics;

    public IngestService(EventIngestor ingestor, SpooledIngest spool, RateLimiter rateLimiter, ClientIpResolver clientIps,
                         VisitorHasher hasher, JsonBodies bodies, long commitTimeoutMs, FootfallMetrics metrics) {
        this.ingestor = ingestor;
        this.spool = spool;
        this.rateLimiter = rateLimiter;
        this.clientIps = clientIps;
        this.hasher = hasher;
        this.bodies = bodies;
        this.commitTimeoutMs = commitTimeoutMs;
        this.metrics = metrics;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.options("/event", this::handlePreflight)
                .post("/event", this::handleEvent)
                .options("/session", this::handlePreflight)
                .post("/session", this::handleSession);
    }

    /**
     * Lets any origin's POST through. Besides {@code Content-Type} (a JSON body is not a simple
     * request), the request headers the replaced server allowed are allowed, as its tracker's
     * requests may carry them: {@code Authorization} and {@code X-Requested-With}. They are ignored.
     */
    private void handlePreflight(ServerRequest req, ServerResponse res) {
        cors(res);
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "POST, OPTIONS");
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type, Authorization, X-Requested-With");
        res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, "86400");
        res.status(Status.NO_CONTENT_204).send();
    }

    private void handleEvent(ServerRequest req, ServerResponse res) {
        Incoming<EventPayload> in = receive(req, res, EventPayload.class);
        String dropped = store(ingestor.fromEvent(in.payload(), in.userAgent(), in.client(), in.nowMs()));
        if (dropped != null) {
            res.header(DROPPED, dropped);
            res.header(PLAUSIBLE_DROPPED, "1");
        }
        res.status(Status.ACCEPTED_202).send();
    }

    /**
     * {@code 201} for every well-formed body, a dropped event's included (the reason is in the
     * header and the body), since the replaced system's clients count only 201 as done; its
     * timestamp is believed only within {@link SessionTime}'s window.
     */
    private void handleSession(ServerRequest req, ServerResponse res) {
        Incoming<SessionPayload> in = receive(req, res, SessionPayload.class);
        SessionTime time = SessionTime.of(in.payload(), in.nowMs());
        if (time.fallback() != SessionTime.Fallback.NONE) {
            metrics.timestampFallback(time.fallback().reason());
        }
        String dropped = store(ingestor.fromSession(in.payload(), time.ms(), in.userAgent(), in.client()));
        if (dropped != null) {
            res.header(DROPPED, dropped);
            bodies.send(res, Status.CREATED_201, Map.of("status", "dropped", "reason", dropped));
            return;
        }
        bodies.send(res, Status.CREATED_201, Map.of("status", "created"));
    }

    /** What both ingest routes take from a request: the parsed body and the request's facts. */
    private record Incoming<T>(T payload, InetAddress client, String userAgent, long nowMs) {
    }

    /** CORS, body (at most {@value #MAX_BODY_BYTES} bytes), client address and the rate limit, in that order. */
    private <T> Incoming<T> receive(ServerRequest req, ServerResponse res, Class<T> type) {
        cors(res);
        long now = System.currentTimeMillis();
        InetAddress client = clientIp(req);
        T payload = bodies.parse(bodies.read(req, MAX_BODY_BYTES), type);
        checkRate(client, now);
        return new Incoming<>(payload, client, req.headers().first(HeaderNames.USER_AGENT).orElse(null), now);
    }

    /** Spools the hits (see {@link #append}); returns the reason when the event was dropped. */
    private String store(Prepared prepared) {
        return switch (prepared) {
            case Outcome.Ignored ignored -> {
                metrics.dropped(ignored.reason());
                yield ignored.reason();
            }
            case Prepared.Hits hits -> {
                if (recent.allSeen(hits.hits())) {
                    metrics.dropped("duplicate", hits.hits().size());
                    yield "duplicate";
                }
                append(hits.hits());
                recent.remember(hits.hits());
                yield null;
            }
        };
    }

    /**
     * Makes the hits durable in the local spool; the drainer stores them in MySQL within moments
     * (and counts them there). A full or failing spool is a 503 with Retry-After: nothing of the
     * request was acknowledged, so the client's retry is safe.
     */
    private void append(List<Hit> hits) {
        try {
            spool.append(hits, commitTimeoutMs);
        } catch (SpoolFullException e) {
            throw new ApiException(Status.SERVICE_UNAVAILABLE_503, "server busy: event spool full, retry shortly", null, 5L);
        } catch (SpoolException e) {
            throw new ApiException(Status.SERVICE_UNAVAILABLE_503, "event could not be stored, retry", null, 2L);
        }
    }

    private void checkRate(InetAddress client, long now) {
        if (rateLimiter.enabled()) {
            long clientHash = hasher.rateKey(now, client.getHostAddress());
            if (!rateLimiter.allow(clientHash, 1, now)) {
                throw new ApiException(Status.TOO_MANY_REQUESTS_429, "too many events from this address", null,
                        RateLimiter.retryAfterSeconds());
            }
        }
    }

    private InetAddress clientIp(ServerRequest req) {
        InetAddress peer = ((InetSocketAddress) req.remotePeer().address()).getAddress();
        return clientIps.resolve(peer, req.headers().first(HeaderNames.X_FORWARDED_FOR).orElse(null));
    }

    private static void cors(ServerResponse res) {
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    }
}
