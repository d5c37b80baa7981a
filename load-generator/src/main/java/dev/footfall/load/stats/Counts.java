package dev.footfall.load.stats;

/** Request outcomes counted so far. "Sent" means acknowledged: accepted plus dropped. */
public record Counts(long accepted, long dropped, long rejected, long failed) {
    public static final Counts ZERO = new Counts(0, 0, 0, 0);

    public long acknowledged() {
        return accepted + dropped;
    }

    public long total() {
        return accepted + dropped + rejected + failed;
    }

    public Counts plus(Counts other) {
        return new Counts(accepted + other.accepted, dropped + other.dropped, rejected + other.rejected, failed + other.failed);
    }

    public Counts minus(Counts other) {
        return new Counts(accepted - other.accepted, dropped - other.dropped, rejected - other.rejected, failed - other.failed);
    }
}
