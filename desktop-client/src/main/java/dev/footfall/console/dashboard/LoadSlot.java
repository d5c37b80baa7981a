package dev.footfall.console.dashboard;

import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * One panel's view of its loads: how many are in flight (for its progress indicator) and which
 * request is the latest, so an answer that arrives after a newer request is dropped and a panel
 * never shows an older selection's numbers.
 */
public final class LoadSlot {
    /** Requests of this panel not yet answered; back to 0 when all answered or failed. */
    private final IntegerProperty pending = new SimpleIntegerProperty();
    /** One binding for all observers: a new one per call would never be revalidated. */
    private final BooleanBinding busy = pending.greaterThan(0);
    /** Sequence number of the newest request; only its answer is applied. */
    private long latest;

    long begin() {
        pending.set(pending.get() + 1);
        return ++latest;
    }

    /** Ends a request; true when it is the newest one, whose answer should be shown. */
    boolean end(long request) {
        pending.set(Math.max(0, pending.get() - 1));
        return request == latest;
    }

    /** Drops the answers of the requests in flight: none of them is the newest any more (a line switched off). */
    void supersede() {
        latest++;
    }

    public BooleanBinding busy() {
        return busy;
    }
}
