package dev.footfall.server.enrich;

import com.ibm.icu.util.TimeZone;
import java.util.HashMap;
import java.util.Map;

/**
 * IANA time zone id to ISO country code, taken from ICU4J's copy of CLDR and tzdata
 * ({@link TimeZone#getRegion}), which tracks renames and new zones with every ICU release.
 * The JDK cannot do this: its {@code tzdb.dat} holds only the offset rules, not
 * {@code zone1970.tab}'s countries. Zones that belong to no country ({@code Etc/UTC},
 * {@code Etc/GMT+5}, region "001") and unknown ids map to "".
 *
 * <p>Every id ICU knows, aliases included ({@code Asia/Calcutta} as well as
 * {@code Asia/Kolkata}), is resolved once into a plain map: 576 zones with a country, about
 * 90 ms and 1.5 MB of heap at start-up (mostly ICU's zone data), then a single hash probe per
 * event with no ICU call on the hot path. The ICU jar is 15 MB on disk, but only the time zone
 * resources are ever loaded.
 */
final class TimezoneCountries {
    /** Longest zone id looked up; the longest real one is 30 characters. */
    static final int MAX_ZONE_CHARS = 64;

    private final Map<String, String> countryByZone;

    private TimezoneCountries(Map<String, String> countryByZone) {
        this.countryByZone = countryByZone;
    }

    static TimezoneCountries create() {
        Map<String, String> map = new HashMap<>();
        for (String id : TimeZone.getAvailableIDs(TimeZone.SystemTimeZoneType.ANY, null, null)) {
            String region = TimeZone.getRegion(id);
            if (isCountryCode(region)) {
                map.put(id, region);
            }
        }
        return new TimezoneCountries(Map.copyOf(map));
    }

    /** The country of {@code zoneId}, or "" for null, unknown or countryless zones. */
    String country(String zoneId) {
        if (zoneId == null || zoneId.isEmpty() || zoneId.length() > MAX_ZONE_CHARS) {
            return "";
        }
        return countryByZone.getOrDefault(zoneId.strip(), "");
    }

    int size() {
        return countryByZone.size();
    }

    private static boolean isCountryCode(String region) {
        return region != null && region.length() == 2
                && Character.isLetter(region.charAt(0)) && Character.isLetter(region.charAt(1))
                && !region.equals("ZZ");
    }
}
