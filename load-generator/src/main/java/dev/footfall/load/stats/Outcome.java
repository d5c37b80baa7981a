package dev.footfall.load.stats;

/** What became of one request, from the server's answer. */
public enum Outcome {
    /** 202/201 without a drop header: acknowledged and, by the server's contract, committed. */
    ACCEPTED,
    /** 202 with {@code X-Footfall-Dropped} (bot, unknown site, duplicate): acknowledged, not stored. */
    DROPPED,
    /** 4xx: the server refused the request (bad payload, too large, rate limited). */
    REJECTED,
    /** 5xx, an unexpected status, or no answer at all (connection error, timeout). */
    FAILED
}
