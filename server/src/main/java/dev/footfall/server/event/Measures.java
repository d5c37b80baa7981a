package dev.footfall.server.event;

/**
 * What an event measured besides its page.
 *
 * @param screenWidth  the screen width in CSS pixels, or null when not sent
 * @param engagementMs visible, focused time on the page (engagement events only; 0 otherwise)
 * @param scrollDepth  deepest scroll in percent, or null when not sent
 * @param interactive  whether a custom event counts as interaction (never for engagement events)
 */
public record Measures(Integer screenWidth, int engagementMs, Integer scrollDepth, boolean interactive) {
    /** A pageview's measures: interactive, nothing measured. */
    public static final Measures PAGEVIEW = new Measures(null, 0, null, true);

    public Measures {
        if (engagementMs < 0) {
            throw new IllegalArgumentException("engagementMs must not be negative");
        }
    }
}
