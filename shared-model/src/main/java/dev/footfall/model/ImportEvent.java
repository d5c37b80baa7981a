package dev.footfall.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import java.util.Map;

/**
 * One line of {@code POST /api/v1/import/events} (NDJSON): a historical event with everything the
 * live route takes from the request (time, visitor, user agent) spelled out, for backfills and
 * migrations from other tools. The event part is validated exactly like a live event (through
 * {@link EventPayload}); the compact constructor throws {@link InvalidFieldException} naming the key.
 *
 * @param timestampMs  when it happened, epoch milliseconds
 * @param visitor      an opaque key of the visitor (a former tool's visitor id, a session id); the
 *                     server hashes it with the daily salt and the event's day, it is never stored
 * @param userAgent    parsed like a live event's; or give browser/os/device instead
 * @param country      ISO 3166-1 alpha-2; without it the country comes from {@code region}, else from {@code timezone}
 * @param region       ISO 3166-2 code of the region ({@code DE-BY}), of {@code country} when both are given
 * @param regionName   the region's name ({@code Bavaria}); only with {@code region}
 * @param city         the city's GeoNames id ({@code 2867714})
 * @param cityName     the city's name ({@code Munich}); only with {@code city}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportEvent(
        @JsonProperty("domain") String domain,
        @JsonProperty("timestamp") Long timestampMs,
        @JsonProperty("name") String name,
        @JsonProperty("url") String url,
        @JsonProperty("referrer") String referrer,
        @JsonProperty("props") Map<String, Object> props,
        @JsonProperty("hash") Boolean hash,
        @JsonProperty("interactive") Boolean interactive,
        @JsonProperty("revenue") EventPayload.Revenue revenue,
        @JsonProperty("visitor") String visitor,
        @JsonProperty("user_agent") String userAgent,
        @JsonProperty("browser") String browser,
        @JsonProperty("browser_version") String browserVersion,
        @JsonProperty("os") String os,
        @JsonProperty("os_version") String osVersion,
        @JsonProperty("device") String device,
        @JsonProperty("screen_width") Integer screenWidth,
        @JsonProperty("country") String country,
        @JsonProperty("region") String region,
        @JsonProperty("region_name") String regionName,
        @JsonProperty("city") Long city,
        @JsonProperty("city_name") String cityName,
        @JsonProperty("timezone") String timezone,
        @JsonProperty("engagement_time") Long engagementMs,
        @JsonProperty("scroll_depth") Integer scrollDepth) {

    public static final int MAX_VISITOR_CHARS = 200;
    public static final int MAX_AGENT_CHARS = 1000;
    public static final int MAX_LABEL_CHARS = 100;

    public ImportEvent {
        if (timestampMs == null) {
            throw new InvalidFieldException("timestamp", "timestamp is required (epoch milliseconds)");
        }
        if (timestampMs < 946_684_800_000L) {
            throw new InvalidFieldException("timestamp", "timestamp must be epoch milliseconds after 2000-01-01");
        }
        name = name == null ? "pageview" : name;
        if (domain != null && domain.contains(",")) {
            throw new InvalidFieldException("domain", "an imported event belongs to one site: no comma-separated domains");
        }
        visitor = Check.required("visitor", visitor, MAX_VISITOR_CHARS);
        userAgent = Check.optional("user_agent", userAgent, MAX_AGENT_CHARS);
        browser = Check.optional("browser", browser, MAX_LABEL_CHARS);
        browserVersion = Check.optional("browser_version", browserVersion, MAX_LABEL_CHARS);
        os = Check.optional("os", os, MAX_LABEL_CHARS);
        osVersion = Check.optional("os_version", osVersion, MAX_LABEL_CHARS);
        device = Check.optional("device", device, MAX_LABEL_CHARS);
        country = Check.optional("country", country, 2);
        if (country != null && !country.isEmpty() && !country.matches("[A-Za-z]{2}")) {
            throw new InvalidFieldException("country", "country must be an ISO 3166-1 alpha-2 code such as DE");
        }
        country = country == null ? null : country.toUpperCase(Locale.ROOT);
        region = Check.optional("region", region, 6);
        if (region != null && !region.matches("[A-Za-z]{2}-[A-Za-z0-9]{1,3}")) {
            throw new InvalidFieldException("region", "region must be an ISO 3166-2 code such as DE-BY");
        }
        region = region == null ? null : region.toUpperCase(Locale.ROOT);
        if (region != null && country != null && !region.startsWith(country + "-")) {
            throw new InvalidFieldException("region", "region " + region + " does not lie in country " + country);
        }
        country = country == null && region != null ? region.substring(0, 2) : country;
        regionName = Check.optional("region_name", regionName, MAX_LABEL_CHARS);
        if (regionName != null && region == null) {
            throw new InvalidFieldException("region_name", "region_name needs region, the ISO 3166-2 code it names");
        }
        if (city != null && city <= 0) {
            throw new InvalidFieldException("city", "city must be a GeoNames id, a positive number");
        }
        cityName = Check.optional("city_name", cityName, MAX_LABEL_CHARS);
        if (cityName != null && city == null) {
            throw new InvalidFieldException("city_name", "city_name needs city, the GeoNames id it names");
        }
        // The event fields share the live route's rules and limits.
        event(domain, name, url, referrer, props, hash, interactive, revenue, engagementMs, scrollDepth, screenWidth, timezone);
    }

    /** The event part as a live payload (already valid). */
    public EventPayload event() {
        return event(domain, name, url, referrer, props, hash, interactive, revenue, engagementMs, scrollDepth, screenWidth, timezone);
    }

    private static EventPayload event(String domain, String name, String url, String referrer, Map<String, Object> props, Boolean hash,
                                      Boolean interactive, EventPayload.Revenue revenue, Long engagementMs, Integer scrollDepth,
                                      Integer screenWidth, String timezone) {
        return new EventPayload(name, url, domain, referrer, props, hash, interactive, revenue, null, engagementMs, scrollDepth,
                screenWidth, timezone);
    }
}
