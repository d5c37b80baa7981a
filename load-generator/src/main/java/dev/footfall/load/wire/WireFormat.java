package dev.footfall.load.wire;

/** Which endpoint and body the load goes through. */
public enum WireFormat {
    /** {@code POST /api/event}, Plausible short keys plus Footfall's extras: every step of a visit. */
    EVENT,
    /** {@code POST /api/session}, the replaced system's format: pageviews only (it had nothing else). */
    SESSION
}
