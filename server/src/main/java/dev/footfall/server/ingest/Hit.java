package dev.footfall.server.ingest;

import dev.footfall.server.site.Site;
import java.math.BigDecimal;
import java.util.Map;

/**
 * One enriched event, ready for the lookup and store steps: every dimension is final text, the
 * visitor is already a salted hash, and nothing here identifies a person.
 *
 * @param visitorId         hash64(today's salt, site, client IP, user agent)
 * @param previousVisitorId the same hash with yesterday's salt, so a visit spanning midnight goes on; 0 if none
 * @param eventId           client id for idempotency, or null
 */
public record Hit(
        Site site,
        long tsMs,
        EventKind kind,
        String name,
        String hostname,
        String page,
        String referrer,
        String source,
        String utmSource,
        String utmMedium,
        String utmCampaign,
        String utmTerm,
        String utmContent,
        String browser,
        String browserVersion,
        String os,
        String osVersion,
        String deviceType,
        String country,
        Integer screenWidth,
        int engagementMs,
        Integer scrollDepth,
        boolean interactive,
        BigDecimal revenueAmount,
        String revenueCurrency,
        Map<String, String> props,
        String eventId,
        long visitorId,
        long previousVisitorId) {

    public Hit {
        country = country == null ? "" : country;
        props = props == null ? Map.of() : props;
    }

    /** Counts toward bounce: a pageview, or a custom event the sender marked interactive. */
    public boolean interactiveCustomEvent() {
        return kind == EventKind.CUSTOM && interactive;
    }
}
