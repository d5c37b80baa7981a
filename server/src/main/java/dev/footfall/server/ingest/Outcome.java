package dev.footfall.server.ingest;

/** What became of one event: stored, deliberately ignored (with the reason sent back), or rejected. */
public sealed interface Outcome {
    record Accepted() implements Outcome {
    }

    /** Dropped on purpose: bot, unknown site, duplicate, …; still answered 202 with the reason in a header. */
    record Ignored(String reason) implements Outcome {
    }

    record Rejected(String field, String reason) implements Outcome {
    }

    Outcome ACCEPTED = new Accepted();
}
