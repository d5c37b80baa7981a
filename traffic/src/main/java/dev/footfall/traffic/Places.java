package dev.footfall.traffic;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Where simulated visitors live: a few real cities in each of {@link Profiles#TIMEZONES}' zones,
 * weighted roughly by their metropolitan population, with the ISO 3166-2 code of their region
 * and their GeoNames id, as a city database (GeoLite2-City) would report them. The demo's
 * addresses are documentation ranges that no database knows, so the demo sends the place with
 * each import line, as an import from another tool does.
 */
public final class Places {
    private Places() {
    }

    /** A city with its region; {@code geonameId} is the city's GeoNames id. */
    public record Place(String region, String regionName, long geonameId, String cityName) {
        /** The ISO 3166-1 country of the region code ("DE" of "DE-BY"). */
        public String country() {
            return region.substring(0, 2);
        }
    }

    private static Weighted<Place> city(String region, String regionName, long geonameId, String name, double weight) {
        return Weighted.of(new Place(region, regionName, geonameId, name), weight);
    }

    /** The cities of each time zone; every zone of {@link Profiles#TIMEZONES} is here. */
    static final Map<String, List<Weighted<Place>>> BY_ZONE = Map.ofEntries(
            Map.entry("America/New_York", List.of(city("US-NY", "New York", 5128581, "New York", 20),
                    city("US-MA", "Massachusetts", 4930956, "Boston", 5), city("US-PA", "Pennsylvania", 4560349, "Philadelphia", 6),
                    city("US-FL", "Florida", 4164138, "Miami", 6), city("US-GA", "Georgia", 4180439, "Atlanta", 6))),
            Map.entry("America/Chicago", List.of(city("US-IL", "Illinois", 4887398, "Chicago", 9),
                    city("US-TX", "Texas", 4699066, "Houston", 7), city("US-TX", "Texas", 4684888, "Dallas", 7),
                    city("US-MN", "Minnesota", 5037649, "Minneapolis", 4))),
            Map.entry("America/Los_Angeles", List.of(city("US-CA", "California", 5368361, "Los Angeles", 13),
                    city("US-CA", "California", 5391959, "San Francisco", 6), city("US-WA", "Washington", 5809844, "Seattle", 4),
                    city("US-OR", "Oregon", 5746545, "Portland", 2.5))),
            Map.entry("America/Denver", List.of(city("US-CO", "Colorado", 5419384, "Denver", 3),
                    city("US-UT", "Utah", 5780993, "Salt Lake City", 1.3))),
            Map.entry("Europe/Berlin", List.of(city("DE-BE", "Berlin", 2950159, "Berlin", 6),
                    city("DE-BY", "Bavaria", 2867714, "Munich", 3), city("DE-HH", "Hamburg", 2911298, "Hamburg", 3),
                    city("DE-NW", "North Rhine-Westphalia", 2886242, "Cologne", 2.5),
                    city("DE-HE", "Hesse", 2925533, "Frankfurt am Main", 2.3),
                    city("DE-BW", "Baden-Württemberg", 2825297, "Stuttgart", 2))),
            Map.entry("Europe/London", List.of(city("GB-ENG", "England", 2643743, "London", 14),
                    city("GB-ENG", "England", 2643123, "Manchester", 3), city("GB-SCT", "Scotland", 2650225, "Edinburgh", 1.5),
                    city("GB-ENG", "England", 2654675, "Bristol", 1))),
            Map.entry("Europe/Paris", List.of(city("FR-IDF", "Île-de-France", 2988507, "Paris", 12),
                    city("FR-ARA", "Auvergne-Rhône-Alpes", 2996944, "Lyon", 2.3),
                    city("FR-PAC", "Provence-Alpes-Côte d'Azur", 2995469, "Marseille", 1.9),
                    city("FR-OCC", "Occitanie", 2972315, "Toulouse", 1.4))),
            Map.entry("Asia/Kolkata", List.of(city("IN-MH", "Maharashtra", 1275339, "Mumbai", 20),
                    city("IN-KA", "Karnataka", 1277333, "Bengaluru", 13), city("IN-DL", "Delhi", 1273294, "Delhi", 19),
                    city("IN-TN", "Tamil Nadu", 1264527, "Chennai", 10))),
            Map.entry("America/Toronto", List.of(city("CA-ON", "Ontario", 6167865, "Toronto", 6),
                    city("CA-QC", "Quebec", 6077243, "Montreal", 4), city("CA-ON", "Ontario", 6094817, "Ottawa", 1.4))),
            Map.entry("Europe/Amsterdam", List.of(city("NL-NH", "North Holland", 2759794, "Amsterdam", 2.5),
                    city("NL-ZH", "South Holland", 2747891, "Rotterdam", 1.4), city("NL-UT", "Utrecht", 2745912, "Utrecht", 0.9))),
            Map.entry("Europe/Madrid", List.of(city("ES-MD", "Madrid", 3117735, "Madrid", 6.7),
                    city("ES-CT", "Catalonia", 3128760, "Barcelona", 5.6), city("ES-VC", "Valencia", 2509954, "Valencia", 1.6))),
            Map.entry("Europe/Rome", List.of(city("IT-62", "Lazio", 3169070, "Rome", 4.3),
                    city("IT-25", "Lombardy", 3173435, "Milan", 4.3), city("IT-21", "Piedmont", 3165524, "Turin", 1.7),
                    city("IT-72", "Campania", 3172394, "Naples", 3))),
            Map.entry("America/Sao_Paulo", List.of(city("BR-SP", "São Paulo", 3448439, "São Paulo", 22),
                    city("BR-RJ", "Rio de Janeiro", 3451190, "Rio de Janeiro", 13),
                    city("BR-MG", "Minas Gerais", 3470127, "Belo Horizonte", 6))),
            Map.entry("Europe/Warsaw", List.of(city("PL-14", "Mazovia", 756135, "Warsaw", 3.1),
                    city("PL-12", "Lesser Poland", 3094802, "Kraków", 1.5), city("PL-02", "Lower Silesia", 3081368, "Wrocław", 1.2))),
            Map.entry("Europe/Stockholm", List.of(city("SE-AB", "Stockholm", 2673730, "Stockholm", 2.4),
                    city("SE-O", "Västra Götaland", 2711537, "Gothenburg", 1.1), city("SE-M", "Skåne", 2692969, "Malmö", 0.7))),
            Map.entry("Australia/Sydney", List.of(city("AU-NSW", "New South Wales", 2147714, "Sydney", 5.3),
                    city("AU-NSW", "New South Wales", 2155472, "Newcastle", 0.5),
                    city("AU-ACT", "Australian Capital Territory", 2172517, "Canberra", 0.5))),
            Map.entry("Asia/Tokyo", List.of(city("JP-13", "Tokyo", 1850147, "Tokyo", 37),
                    city("JP-27", "Osaka", 1853909, "Osaka", 19), city("JP-14", "Kanagawa", 1848354, "Yokohama", 4))),
            Map.entry("Europe/Zurich", List.of(city("CH-ZH", "Zurich", 2657896, "Zurich", 1.4),
                    city("CH-GE", "Geneva", 2660646, "Geneva", 0.6), city("CH-BS", "Basel-City", 2661604, "Basel", 0.5))),
            Map.entry("Europe/Vienna", List.of(city("AT-9", "Vienna", 2761369, "Vienna", 2),
                    city("AT-6", "Styria", 2778067, "Graz", 0.3), city("AT-4", "Upper Austria", 2772400, "Linz", 0.2))));

    /**
     * The home city of a visitor in {@code timezone}, drawn from its own seed (the visitor's id), so
     * adding places left every other draw of a population as it was.
     */
    static Place homeOf(String timezone, long seed) {
        List<Weighted<Place>> cities = BY_ZONE.get(timezone);
        if (cities == null) {
            throw new IllegalArgumentException("no places for time zone " + timezone);
        }
        return Weighted.pick(new SplittableRandom(seed), cities);
    }
}
