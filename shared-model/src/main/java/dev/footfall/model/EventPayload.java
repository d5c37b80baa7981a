package dev.footfall.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/event}: Plausible's Events API format (long or short keys), so
 * Plausible trackers and server-side senders work unchanged, plus Footfall's optional extras.
 *
 * <p>The compact constructor validates every field and throws {@link InvalidFieldException}
 * naming the long key. {@code User-Agent} and client IP never come from the body.
 *
 * @param name        event name; {@code pageview} and {@code engagement} are reserved
 * @param url         page URL, absolute http(s)
 * @param domain      site domain(s) as configured, comma-separated for several
 * @param referrer    document.referrer, optional
 * @param props       custom properties, scalar values only (at most {@value #MAX_PROPS})
 * @param hash        hash-based routing: keep the URL fragment as part of the page path
 * @param interactive false for events that must not affect bounce rate; default true
 * @param revenue     optional revenue of a goal
 * @param eventId     Footfall: client-generated id so a retried event counts once
 * @param engagementMs Footfall: visible and focused time on the page, for engagement events
 * @param scrollDepth Footfall: maximum scroll depth in percent
 * @param screenWidth Footfall: screen width in CSS pixels, helps the device type
 * @param timezone    Footfall: the browser's IANA time zone, the country fallback without GeoIP
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventPayload(
        @JsonProperty("name") @JsonAlias("n") String name,
        @JsonProperty("url") @JsonAlias("u") String url,
        @JsonProperty("domain") @JsonAlias("d") String domain,
        @JsonProperty("referrer") @JsonAlias("r") String referrer,
        @JsonProperty("props") @JsonAlias({"p", "m", "meta"}) Map<String, Object> props,
        @JsonProperty("hash") @JsonAlias("h") Boolean hash,
        @JsonProperty("interactive") @JsonAlias("i") Boolean interactive,
        @JsonProperty("revenue") @JsonAlias("$") Revenue revenue,
        @JsonProperty("event_id") @JsonAlias("id") String eventId,
        @JsonProperty("engagement_time") @JsonAlias("e") Long engagementMs,
        @JsonProperty("scroll_depth") @JsonAlias("sd") Integer scrollDepth,
        @JsonProperty("screen_width") @JsonAlias("w") Integer screenWidth,
        @JsonProperty("timezone") @JsonAlias("tz") String timezone) {

    public static final int MAX_NAME_CHARS = 120;
    public static final int MAX_URL_CHARS = 2000;
    public static final int MAX_DOMAIN_CHARS = 500;
    public static final int MAX_PROPS = 30;
    public static final int MAX_PROP_KEY_CHARS = 300;
    public static final int MAX_PROP_VALUE_CHARS = 2000;
    public static final int MAX_EVENT_ID_CHARS = 64;
    /** One day: an engagement report longer than that is a client bug, not attention. */
    public static final long MAX_ENGAGEMENT_MS = 86_400_000L;

    public EventPayload {
        name = Check.required("name", name, MAX_NAME_CHARS).strip();
        Check.httpUrl("url", Check.required("url", url, MAX_URL_CHARS));
        domain = Check.required("domain", domain, MAX_DOMAIN_CHARS);
        referrer = Check.optional("referrer", referrer, MAX_URL_CHARS);
        props = checkedProps(props);
        eventId = Check.optional("event_id", eventId, MAX_EVENT_ID_CHARS);
        Check.range("engagement_time", engagementMs, 0, MAX_ENGAGEMENT_MS);
        Check.range("scroll_depth", scrollDepth, 0, 100);
        Check.range("screen_width", screenWidth, 0, 100_000);
        timezone = Check.optional("timezone", timezone, 64);
        if (revenue != null && revenue.currency() == null) {
            throw new InvalidFieldException("revenue", "revenue needs a currency");
        }
    }

    /** The URL, parsed; valid by construction. */
    public URI uri() {
        return URI.create(url.strip());
    }

    /** The domains this event is recorded for, in the order given. */
    @JsonIgnore
    public List<String> domains() {
        return Arrays.stream(domain.split(",")).map(String::strip).filter(d -> !d.isEmpty()).toList();
    }

    public boolean isInteractive() {
        return interactive == null || interactive;
    }

    private static Map<String, Object> checkedProps(Map<String, Object> props) {
        if (props == null || props.isEmpty()) {
            return Map.of();
        }
        if (props.size() > MAX_PROPS) {
            throw new InvalidFieldException("props", "props has more than " + MAX_PROPS + " entries");
        }
        for (var entry : props.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (key.isBlank() || key.length() > MAX_PROP_KEY_CHARS) {
                throw new InvalidFieldException("props", "props key must have 1 to " + MAX_PROP_KEY_CHARS + " characters");
            }
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
                throw new InvalidFieldException("props", "props." + key + " must be a string, number or boolean");
            }
            if (value != null && value.toString().length() > MAX_PROP_VALUE_CHARS) {
                throw new InvalidFieldException("props", "props." + key + " is longer than " + MAX_PROP_VALUE_CHARS + " characters");
            }
        }
        return props;
    }

    /**
     * Revenue attached to a goal; amount as sent (number or numeric string), stored to 4 decimal
     * places with at most 14 digits before the point (the {@code DECIMAL(18,4)} column: a larger
     * amount would fail the database write after the event was acknowledged).
     */
    public record Revenue(@JsonProperty("amount") @JsonAlias("a") String amount,
                          @JsonProperty("currency") @JsonAlias("c") String currency) {
        /** The largest amount stored, in absolute value. */
        public static final BigDecimal MAX_AMOUNT = new BigDecimal("99999999999999.9999");

        public Revenue {
            if (amount != null) {
                storedAmount(amount);
            }
            if (currency != null && !currency.matches("[A-Za-z]{3}")) {
                throw new InvalidFieldException("revenue", "revenue.currency must be an ISO 4217 code");
            }
        }

        /**
         * The amount as stored: rounded half-even to 4 decimal places. The exponent is checked before
         * any arithmetic, so {@code 1e999999999} is refused at once instead of being expanded.
         */
        public static BigDecimal storedAmount(String amount) {
            BigDecimal value;
            try {
                value = new BigDecimal(amount);
            } catch (NumberFormatException e) {
                throw new InvalidFieldException("revenue", "revenue.amount must be a number");
            }
            if (value.signum() == 0 || value.precision() - value.scale() < -10) {
                return BigDecimal.ZERO.setScale(4);
            }
            BigDecimal stored = value.precision() - value.scale() > 15 ? null : value.setScale(4, RoundingMode.HALF_EVEN);
            if (stored == null || stored.abs().compareTo(MAX_AMOUNT) > 0) {
                throw new InvalidFieldException("revenue", "revenue.amount must be at most " + MAX_AMOUNT.toPlainString()
                        + " in absolute value");
            }
            return stored;
        }
    }
}
