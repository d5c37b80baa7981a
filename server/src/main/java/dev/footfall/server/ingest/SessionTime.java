package dev.footfall.server.ingest;

import dev.footfall.model.SessionPayload;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * When an event in the replaced system's format happened. That system ignored the payload's
 * {@code timestamp} and used its own clock, so its clients' clocks were never checked; Footfall
 * uses the sent time only when it is well-formed and lies from {@link #MAX_AGE} before to
 * {@link #MAX_AHEAD} after the receive time, and the receive time otherwise, never a 400.
 *
 * <p>The hour keeps the first attempt's time when the old tracker, which retries every 5 s until
 * it sees a {@code 201}, gets through after a restart or an outage. Beyond it the visitor's open
 * visit (30 minutes idle) is long gone, so the sent time would only start a visit in the past,
 * and a clock that far off is more likely wrong than the receive time. A sent time cannot lie
 * ahead of the receive time except by clock skew, so the minute ahead only spares a visitor's
 * events the reordering a second's skew would cause.
 *
 * @param ms       the event time, epoch milliseconds
 * @param fallback why the receive time was used instead of a sent one, {@link Fallback#NONE} when not
 */
record SessionTime(long ms, Fallback fallback) {
    static final Duration MAX_AGE = Duration.ofHours(1);
    static final Duration MAX_AHEAD = Duration.ofMinutes(1);

    /** Why a sent time was not used; {@link #reason()} labels the fallback counter in {@code /metrics}. */
    enum Fallback {
        /** Used as sent, or none was sent (the receive time is then the event time, as it always was). */
        NONE,
        /** More than {@link #MAX_AGE} before the receive time. */
        STALE,
        /** More than {@link #MAX_AHEAD} after the receive time. */
        FUTURE,
        /** Not epoch milliseconds nor an ISO-8601 instant. */
        UNPARSEABLE;

        String reason() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static SessionTime of(SessionPayload payload, long receivedMs) {
        if (payload.timestamp() == null) {
            return new SessionTime(receivedMs, Fallback.NONE);
        }
        OptionalLong sent = payload.sentMs();
        if (sent.isEmpty()) {
            return new SessionTime(receivedMs, Fallback.UNPARSEABLE);
        }
        long ms = sent.getAsLong();
        if (ms < receivedMs - MAX_AGE.toMillis()) {
            return new SessionTime(receivedMs, Fallback.STALE);
        }
        if (ms > receivedMs + MAX_AHEAD.toMillis()) {
            return new SessionTime(receivedMs, Fallback.FUTURE);
        }
        return new SessionTime(ms, Fallback.NONE);
    }
}
