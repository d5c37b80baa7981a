package dev.footfall.server.enrich;

/**
 * Who a User-Agent string says is sending: the three answers the ingest routes decide on. Only
 * {@link #ROBOT} is evidence against an event; what a route does with a {@link #PROGRAM} is its own
 * choice ({@code POST /api/event} drops it, as its User-Agent is the visitor's own browser; the
 * replaced system's format stores it, as its senders are often servers).
 */
public enum AgentKind {
    /** A person's browser or an app's web view, whether or not the parser can name it. */
    BROWSER,
    /**
     * A program that is no browser and shows no crawler signature: an HTTP library ({@code curl/8},
     * {@code python-requests}, {@code node}), a bare product name ({@code "Chrome"}), nothing at all.
     */
    PROGRAM,
    /** Positive evidence of a robot: a crawler, spider, headless or automation signature. */
    ROBOT
}
