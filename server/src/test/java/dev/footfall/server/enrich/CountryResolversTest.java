package dev.footfall.server.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CountryResolversTest {
    private static final CountryResolver BY_ZONE = CountryResolvers.fromTimezone();
    private static CountryResolver byIp;

    @BeforeAll
    static void writeDatabase(@TempDir Path dir) throws IOException {
        Path mmdb = new TestMmdb()
                .add("81.2.69.0/24", "GB")
                .add("89.160.20.112/28", "SE")
                .add("2.125.160.0/19", "de")
                .writeTo(dir.resolve("test-country.mmdb"));
        byIp = CountryResolvers.geoIp(mmdb);
    }

    record ZoneCase(String zone, String country) {
    }

    static List<ZoneCase> zones() {
        return List.of(
                new ZoneCase("Europe/Berlin", "DE"),
                new ZoneCase("America/New_York", "US"),
                new ZoneCase("Asia/Kolkata", "IN"),
                new ZoneCase("Asia/Calcutta", "IN"),
                new ZoneCase("Europe/Kyiv", "UA"),
                new ZoneCase("Australia/Sydney", "AU"),
                new ZoneCase("America/Sao_Paulo", "BR"),
                new ZoneCase("Pacific/Auckland", "NZ"),
                new ZoneCase("Etc/UTC", ""),
                new ZoneCase("UTC", ""),
                new ZoneCase("Etc/GMT+5", ""),
                new ZoneCase("Not/AZone", ""),
                new ZoneCase("europe/berlin", ""),
                new ZoneCase("", ""),
                new ZoneCase(null, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("zones")
    void timezoneToCountry(ZoneCase c) {
        assertEquals(c.country(), BY_ZONE.country(InetAddress.ofLiteral("81.2.69.160"), c.zone()));
    }

    record IpCase(String name, String ip, String zone, String country) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<IpCase> ips() {
        return List.of(
                new IpCase("IP found, zone disagrees", "81.2.69.160", "Europe/Berlin", "GB"),
                new IpCase("second network", "89.160.20.115", null, "SE"),
                new IpCase("lower-case code upper-cased", "2.125.170.1", null, "DE"),
                new IpCase("IP not in database: zone", "10.0.0.1", "Asia/Tokyo", "JP"),
                new IpCase("just outside a network", "89.160.20.128", "America/New_York", "US"),
                new IpCase("IPv6 in an IPv4 database: zone", "2001:db8::1", "Europe/Paris", "FR"),
                new IpCase("nothing known", "10.0.0.1", "Etc/UTC", ""),
                new IpCase("no IP", null, "Europe/Madrid", "ES"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ips")
    void geoIpThenTimezone(IpCase c) {
        InetAddress ip = c.ip() == null ? null : InetAddress.ofLiteral(c.ip());
        assertEquals(c.country(), byIp.country(ip, c.zone()));
    }

    @Test
    void missingDatabaseFailsAtStartupNamingThePath(@TempDir Path dir) {
        Path missing = dir.resolve("GeoLite2-Country.mmdb");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CountryResolvers.geoIp(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void notADatabaseFailsAtStartup(@TempDir Path dir) throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.mmdb"), "not a database");
        assertThrows(IllegalArgumentException.class, () -> CountryResolvers.geoIp(junk));
    }

    @Test
    void timezoneTableIsComplete() {
        int size = TimezoneCountries.create().size();
        assertTrue(size > 400, "only " + size + " zones map to a country");
    }
}
