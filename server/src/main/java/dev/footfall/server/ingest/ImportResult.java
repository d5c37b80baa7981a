package dev.footfall.server.ingest;

import dev.footfall.server.event.Outcome;
import dev.footfall.server.metrics.FootfallMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tally of one import: lines read, events accepted (committed), dropped on purpose (by
 * reason) and rejected (by line), and the line that stopped it, if any. Filled by the one thread
 * importing; read by it when the import is done.
 */
public final class ImportResult {
    /** A line that was not imported, and why. */
    public record LineError(int line, String field, String error) {
    }

    /** Non-blank lines read. */
    long lines;
    private long accepted;
    private long dropped;
    private long rejected;
    private final Map<String, Long> droppedBy = new TreeMap<>();
    private final List<LineError> errors = new ArrayList<>();
    private LineError stoppedAt;

    void dropped(String reason) {
        dropped++;
        droppedBy.merge(reason, 1L, Long::sum);
    }

    void rejected(int line, String field, String error) {
        rejected++;
        if (errors.size() < ImportService.MAX_LISTED_ERRORS) {
            errors.add(new LineError(line, field, error));
        }
    }

    void stop(int line, String field, String error) {
        stoppedAt = new LineError(line, field, error);
    }

    /** The invalid line that stopped the import; null when it ran to the end. */
    public LineError stoppedAt() {
        return stoppedAt;
    }

    /** Counts the outcomes of a committed chunk, here and in {@code /metrics}. */
    void count(List<Outcome> outcomes, FootfallMetrics metrics) {
        Tally tally = Tally.of(outcomes).reportTo(metrics);
        accepted += tally.accepted();
        tally.dropped().forEach((reason, n) -> {
            dropped += n;
            droppedBy.merge(reason, (long) n, Long::sum);
        });
    }

    public long lines() {
        return lines;
    }

    public long accepted() {
        return accepted;
    }

    public long dropped() {
        return dropped;
    }

    public long rejected() {
        return rejected;
    }

    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lines", lines);
        body.put("accepted", accepted);
        body.put("dropped", dropped);
        body.put("dropped_reasons", droppedBy);
        body.put("rejected", rejected);
        body.put("errors", errors);
        return body;
    }

    /** The 400 body: the one error shape plus the line and what was committed before it. */
    Map<String, Object> errorBody(LineError e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "line " + e.line() + ": " + e.error());
        body.put("field", e.field());
        body.put("line", e.line());
        body.putAll(body());
        return body;
    }
}
