package dev.footfall.server.enrich;

import java.nio.file.Path;

/**
 * The two {@link CountryResolver}s and the choice between them. {@code Footfall} picks {@link #geoIp} when
 * a database path is configured and {@link #fromTimezone()} otherwise, so the ingest path never
 * checks whether GeoIP is on.
 *
 * <p>Time zone is the default because it needs no download or licence and is right for most
 * visitors (a zone belongs to one country), at the price of travellers and of VPN users, who
 * keep their home zone. A GeoIP database is right for the IP's country (VPN exits included) and
 * costs a file the operator must refresh monthly.
 */
public final class CountryResolvers {

    private CountryResolvers() {
    }

    /** IANA time zone to country via ICU's CLDR data; about 90 ms to build, a map probe per call. */
    public static CountryResolver fromTimezone() {
        TimezoneCountries zones = TimezoneCountries.create();
        return (clientIp, timezone) -> zones.country(timezone);
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
