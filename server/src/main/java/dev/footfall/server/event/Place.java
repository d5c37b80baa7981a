package dev.footfall.server.event;

import java.util.Objects;

/**
 * Where within its country a visitor was, as a city database tells it for the IP (never the IP
 * itself): the region as an ISO 3166-2 code ({@code "DE-BY"}) and the city as its GeoNames id
 * ({@code "2867714"}), each with its English name. Unknown parts are "" (the bundled country
 * database and the time-zone fallback know neither); a name without a code is dropped, since
 * reports and filters go by code.
 */
public record Place(String region, String regionName, String city, String cityName) {

    /** Nothing known below the country. */
    public static final Place NONE = new Place("", "", "", "");

    public Place {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(city, "city");
        regionName = region.isEmpty() || regionName == null ? "" : regionName;
        cityName = city.isEmpty() || cityName == null ? "" : cityName;
    }
}
