package dev.footfall.server.ingest;

import dev.footfall.model.ImportEvent;
import dev.footfall.model.InvalidFieldException;
import dev.footfall.server.auth.Authenticator;
import dev.footfall.server.event.Hit;
import dev.footfall.server.event.Outcome;
import dev.footfall.server.event.Prepared;
import dev.footfall.server.http.ApiException;
import dev.footfall.server.http.JsonBodies;
import dev.footfall.server.metrics.FootfallMetrics;
import dev.footfall.server.store.BatchWriter;
import dev.footfall.server.store.BufferFullException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /api/v1/import/events}: historical events as NDJSON (one {@link ImportEvent} per
 * line), for backfills, demos and migrations. Admin token only. Each line is enriched like a live
 * event and written through the same {@link BatchWriter}, so rollups, visits and raw rows agree
 * exactly as for live traffic.
 *
 * <p>A visitor's events must come in time order (within a request and across requests sent one
 * after another): visits are built as events arrive, as for live traffic. Events of different
 * visitors may interleave freely. The body is streamed: lines are parsed, enriched and submitted
 * in chunks of {@value #CHUNK} with up to {@value #CHUNKS_IN_FLIGHT} chunks committing at once,
 * so a body of any size costs a bounded amount of memory.
 *
 * <p>An invalid line stops the import with {@code 400} naming the field and the line; every line
 * before it was committed, and the error body says how many ({@code accepted}), so a client can
 * fix the line and resume after it. With {@code ?errors=skip} invalid lines are skipped instead and
 * listed in the answer (the first {@value #MAX_LISTED_ERRORS}). Callers in this JVM (the demo
 * data) import through {@link #importLines}, the route's own path.
 */
public final class ImportService implements HttpService {
    static final int CHUNK = 2_000;
    static final int CHUNKS_IN_FLIGHT = 4;
    static final int MAX_LINE_CHARS = 64 * 1024;
    static final int MAX_LISTED_ERRORS = 100;
    private static final long COMMIT_TIMEOUT_MS = 120_000;

    private final EventIngestor ingestor;
    private final BatchWriter writer;
    private final Authenticator auth;
    private final JsonBodies bodies;
    private final FootfallMetrics metrics;
    private final CommitWait commit = new CommitWait(COMMIT_TIMEOUT_MS, "import: a chunk could not be stored, retry", 5);

    public ImportService(EventIngestor ingestor, BatchWriter writer, Authenticator auth, JsonBodies bodies, FootfallMetrics metrics) {
        this.ingestor = ingestor;
        this.writer = writer;
        this.auth = auth;
        this.bodies = bodies;
        this.metrics = metrics;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/events", this::handleEvents);
    }

    private void handleEvents(ServerRequest req, ServerResponse res) {
        auth.requireAdmin(auth.require(req));
        String errors = req.query().first("errors").orElse("stop");
        if (!errors.equals("stop") && !errors.equals("skip")) {
            throw ApiException.badRequest("errors", "errors must be stop or skip");
        }
        ImportResult result;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(req.content().inputStream(), StandardCharsets.UTF_8), 1 << 16)) {
            result = importLines(in, errors.equals("skip"));
        } catch (IOException e) {
            throw new UncheckedIOException("import: cannot read the body", e);
        }
        if (result.stoppedAt() != null) {
            ImportResult.LineError e = result.stoppedAt();
            bodies.send(res, Status.BAD_REQUEST_400, result.errorBody(e));
            return;
        }
        bodies.send(res, Status.OK_200, result.body());
    }

    /**
     * Reads, converts and stores every NDJSON line of {@code in}; stops at the first invalid line
     * unless {@code skipInvalid}. Returns the tally once every stored line has committed.
     */
    public ImportResult importLines(BufferedReader in, boolean skipInvalid) throws IOException {
        ImportResult result = new ImportResult();
        long nowMs = System.currentTimeMillis();
        Deque<CompletableFuture<List<Outcome>>> inFlight = new ArrayDeque<>();
        List<Hit> chunk = new ArrayList<>(CHUNK);
        long[] laneKeys = new long[CHUNK];
        String text;
        int line = 0;
        while ((text = in.readLine()) != null) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            result.lines++;
            try {
                ImportEvent event = parse(text);
                switch (ingestor.fromImport(event, nowMs)) {
                    case Prepared.Hits hits -> {
                        // Routed by the importer's key, which (unlike the hashed id) is the same on both sides of midnight.
                        laneKeys[chunk.size()] = event.visitor().hashCode();
                        chunk.add(hits.hits().getFirst());
                    }
                    case Outcome.Ignored ignored -> result.dropped(ignored.reason());
                }
            } catch (InvalidFieldException e) {
                result.rejected(line, e.field(), e.reason());
                if (!skipInvalid) {
                    result.stop(line, e.field(), e.reason());
                    break;
                }
            }
            if (chunk.size() >= CHUNK) {
                inFlight.add(submit(chunk, laneKeys));
                chunk = new ArrayList<>(CHUNK);
                laneKeys = new long[CHUNK];
                if (inFlight.size() >= CHUNKS_IN_FLIGHT) {
                    result.count(commit.await(inFlight.poll()), metrics);
                }
            }
        }
        if (!chunk.isEmpty()) {
            inFlight.add(submit(chunk, laneKeys));
        }
        while (!inFlight.isEmpty()) {
            result.count(commit.await(inFlight.poll()), metrics);
        }
        return result;
    }

    private ImportEvent parse(String text) {
        if (text.length() > MAX_LINE_CHARS) {
            throw new InvalidFieldException("body", "line is longer than " + MAX_LINE_CHARS + " characters");
        }
        return bodies.decode(text.getBytes(StandardCharsets.UTF_8), ImportEvent.class, "line");
    }

    /** Hands a chunk to the writer; waits briefly while live traffic has filled the write buffer. */
    private CompletableFuture<List<Outcome>> submit(List<Hit> chunk, long[] laneKeys) {
        for (int attempt = 0; ; attempt++) {
            try {
                return writer.submitSpread(chunk, laneKeys);
            } catch (BufferFullException e) {
                if (attempt >= 200) {
                    throw commit.unavailable("server busy, import stopped");
                }
                sleep(50);
            }
        }
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw commit.unavailable("server shutting down, retry");
        }
    }
}
