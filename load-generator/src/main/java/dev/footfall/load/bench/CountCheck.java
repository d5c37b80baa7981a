package dev.footfall.load.bench;

/**
 * The check after {@code bench ingest}: rows stored during the run against events the server
 * acknowledged as stored (202/201 without a drop header). {@code uncertain} counts requests
 * without an acknowledgement (5xx, timeouts): the server may still have committed some of
 * them, so up to that many extra rows are explained, never a missing one.
 */
public record CountCheck(long before, long after, long acknowledged, long uncertain) {
    public enum Verdict { EXACT, EXPLAINED_EXTRA, MISSING, UNEXPLAINED_EXTRA }

    public long stored() {
        return after - before;
    }

    public Verdict verdict() {
        long stored = stored();
        if (stored == acknowledged) {
            return Verdict.EXACT;
        }
        if (stored < acknowledged) {
            return Verdict.MISSING;
        }
        return stored - acknowledged <= uncertain ? Verdict.EXPLAINED_EXTRA : Verdict.UNEXPLAINED_EXTRA;
    }

    public boolean passed() {
        return verdict() == Verdict.EXACT || verdict() == Verdict.EXPLAINED_EXTRA;
    }

    public String describe() {
        String counts = "stored " + stored() + " (events " + before + " → " + after + "), acknowledged " + acknowledged;
        return switch (verdict()) {
            case EXACT -> "PASS: " + counts + ", stored == acknowledged";
            case EXPLAINED_EXTRA -> "PASS: " + counts + "; " + (stored() - acknowledged)
                    + " more rows than acknowledged, within the " + uncertain + " unacknowledged requests (5xx/timeouts that still committed)";
            case MISSING -> "FAIL: " + counts + "; " + (acknowledged - stored()) + " acknowledged events are not stored";
            case UNEXPLAINED_EXTRA -> "FAIL: " + counts + "; " + (stored() - acknowledged - uncertain)
                    + " rows more than acknowledged + unacknowledged (other traffic during the run?)";
        };
    }
}
