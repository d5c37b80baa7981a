package dev.footfall.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;

/**
 * The body of {@code POST /api/session}: the payload of the system Footfall replaces, kept
 * unchanged so its deployed embeds and its traffic simulator keep working.
 *
 * <p>Browser, OS and device type are taken as sent; {@code user} is an opaque client id that
 * the server hashes with the daily salt and never stores. {@code timestamp} is epoch
 * milliseconds or an ISO-8601 instant; absent means "now".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionPayload(
        String pageUrl,
        String referrerUrl,
        String userAgent,
        String browser,
        String operatingSystem,
        String deviceType,
        String user,
        Object timestamp) {

    public SessionPayload {
        Check.httpUrl("pageUrl", Check.required("pageUrl", pageUrl, EventPayload.MAX_URL_CHARS));
        referrerUrl = Check.optional("referrerUrl", referrerUrl, EventPayload.MAX_URL_CHARS);
        userAgent = Check.optional("userAgent", userAgent, 1000);
        browser = Check.optional("browser", browser, 100);
        operatingSystem = Check.optional("operatingSystem", operatingSystem, 100);
        deviceType = Check.optional("deviceType", deviceType, 100);
        user = Check.optional("user", user, 200);
        if (timestamp != null && !(timestamp instanceof Number) && !(timestamp instanceof String)) {
            throw new InvalidFieldException("timestamp", "timestamp must be epoch milliseconds or an ISO-8601 instant");
        }
    }

    public URI pageUri() {
        return URI.create(pageUrl.strip());
    }

    /** Event time in epoch milliseconds, or {@code fallbackMs} when none was sent. */
    public long timestampMs(long fallbackMs) {
        if (timestamp == null) {
            return fallbackMs;
        }
        if (timestamp instanceof Number n) {
            return n.longValue();
        }
        String text = ((String) timestamp).strip();
        try {
            return text.chars().allMatch(Character::isDigit) ? Long.parseLong(text)
                    : java.time.OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (RuntimeException e) {
            try {
                return java.time.Instant.parse(text).toEpochMilli();
            } catch (RuntimeException again) {
                throw new InvalidFieldException("timestamp", "timestamp must be epoch milliseconds or an ISO-8601 instant");
            }
        }
    }
}
