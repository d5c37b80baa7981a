package dev.footfall.load.wire;

/**
 * A request ready to post: path, body and the headers a browser (behind a trusted proxy) sends.
 * Event bodies are kept without their {@code id} so one planned request can be posted many
 * times, each with a fresh id ({@link #withEventId}).
 */
public record WireRequest(String path, String body, String userAgent, String forwardedFor, boolean takesEventId) {

    /** The body with {@code "id"} as its first key; the body unchanged for formats without ids. */
    public String withEventId(String eventId) {
        if (!takesEventId) {
            return body;
        }
        return body.length() <= 2 ? "{\"id\":\"" + eventId + "\"}" : "{\"id\":\"" + eventId + "\"," + body.substring(1);
    }
}
