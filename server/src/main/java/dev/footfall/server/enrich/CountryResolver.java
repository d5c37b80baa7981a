package dev.footfall.server.enrich;

import dev.footfall.server.event.Place;
import java.net.InetAddress;

/**
 * Tells the visitor's country for the country report. Implementations come from
 * {@link CountryResolvers}: a GeoIP database when the operator provides one, else the browser's
 * time zone. Neither stores the IP address; the answer is the only thing kept.
 */
@FunctionalInterface
public interface CountryResolver {

    /**
     * The ISO 3166-1 alpha-2 code in upper case ("DE"), or "" when unknown. Never null, never
     * throws for bad input: a lookup failure is an unknown country, not a lost event.
     *
     * @param clientIp the client address from {@link ClientIpResolver}; may be null
     * @param timezoneOrNull the IANA zone the tracker read from {@code Intl} ("Europe/Berlin")
     */
    String country(InetAddress clientIp, String timezoneOrNull);

    /**
     * The region and city of the address, from a city database ({@code FOOTFALL_GEOIP_DB});
     * {@link Place#NONE} for a country database, an unknown address or a failed lookup. Nothing is
     * guessed from the time zone: a zone names no region.
     */
    default Place place(InetAddress clientIp) {
        return Place.NONE;
    }
}
