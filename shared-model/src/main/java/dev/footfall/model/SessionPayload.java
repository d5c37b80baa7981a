package dev.footfall.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.OptionalLong;

/**
 * The body of {@code POST /api/session}: the payload of the system Footfall replaces, kept
 * unchanged so its deployed embeds and its traffic simulator keep working.
 *
 * <p>Browser, OS and device type are taken as sent; {@code user} is an opaque client id that
 * the server hashes with the daily salt and never stores. {@code timestamp} should be epoch
 * milliseconds or an ISO-8601 instant, but any JSON value is accepted: the replaced server
 * ignored it, so a client's clock or format never makes the body invalid ({@link #sentMs()}).
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
    }

    public URI pageUri() {
        return URI.create(pageUrl.strip());
    }

    /**
     * The sent time in epoch milliseconds: a number, a string of digits, or an ISO-8601 instant
     * ({@code 2026-05-01T12:00:00.123Z}, offsets allowed). Empty when none was sent or it is none of
     * these (a number beyond the range of a long included); whether to believe it is the server's call.
     */
    public OptionalLong sentMs() {
        return switch (timestamp) {
            case null -> OptionalLong.empty();
            case Number n when Math.abs(n.doubleValue()) < Long.MAX_VALUE -> OptionalLong.of(n.longValue());
            case String text -> parse(text.strip());
            default -> OptionalLong.empty();
        };
    }

    private static OptionalLong parse(String text) {
        try {
            if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
                return OptionalLong.of(Long.parseLong(text));
            }
            return OptionalLong.of(OffsetDateTime.parse(text).toInstant().toEpochMilli());
        } catch (RuntimeException notAnOffsetTime) {
            try {
                return OptionalLong.of(Instant.parse(text).toEpochMilli());
            } catch (RuntimeException notAnInstant) {
                return OptionalLong.empty();
            }
        }
    }
}
