package dev.footfall.server.event;

/**
 * What became of one event in the writer: stored, or deliberately ignored with the reason sent
 * back. Malformed input never gets this far: it is answered 400 before anything is queued.
 */
public sealed interface Outcome {
    record Accepted() implements Outcome {
    }

    /**
     * Dropped on purpose: bot, unknown site, duplicate, …; still acknowledged, with the reason in a
     * header, so clients never retry it. Also what enrichment answers for a payload it drops.
     */
    record Ignored(String reason) implements Outcome, Prepared {
    }

    Outcome ACCEPTED = new Accepted();
}
