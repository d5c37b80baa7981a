package dev.footfall.server.enrich;

import java.nio.file.Path;

/**
 * The {@link CountryResolver}s and the choice between them. {@code Footfall} picks {@link #geoIp} when
 * the operator configures a database path and {@link #bundled()} otherwise, so the ingest path
 * never checks where the country comes from.
 *
 * <p>The bundled database is DB-IP Lite Country (CC BY 4.0), fetched and checksummed at build
 * time, so countries are right from the first event with no download at run time; it is as old
 * as the release (DB-IP publishes monthly), which an operator can fix with their own file. Both
 * fall back to the browser's time zone for addresses the database does not know (private,
 * reserved, newly allocated ranges): right for most visitors, as a zone belongs to one country,
 * but not for travellers and VPN users, who keep their home zone.
 */
public final class CountryResolvers {

    private CountryResolvers() {
    }

    /** IANA time zone to country via ICU's CLDR data; about 90 ms to build, a map probe per call. */
    public static CountryResolver fromTimezone() {
        TimezoneCountries zones = TimezoneCountries.create();
        return (clientIp, timezone) -> zones.country(timezone);
    }

    /** Country of the IP from the bundled DB-IP Lite Country database, else the time zone. */
    public static CountryResolver bundled() {
        return GeoIpCountries.bundled(TimezoneCountries.create());
    }

    /**
     * Country of the IP from a MaxMind-format database (GeoLite2-Country or -City, GeoIP2, DB-IP
     * Lite Country or City); the time zone when the IP is not in it (private, reserved, new
     * ranges). Fails at start-up with the path when the file is missing or not such a database.
     */
    public static CountryResolver geoIp(Path mmdb) {
        return GeoIpCountries.open(mmdb, TimezoneCountries.create());
    }
}
