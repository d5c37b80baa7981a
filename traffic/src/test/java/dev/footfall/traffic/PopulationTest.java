package dev.footfall.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The simulated people: spread like a real audience, from documentation addresses, the same for the same seed. */
class PopulationTest {
    private final Population population = Population.create(8, 2000, 42);

    @Test
    void visitorsSpreadOverAddressesTimeZonesAndDevices() {
        Set<String> ips = new HashSet<>();
        Set<String> zones = new HashSet<>();
        Set<String> agents = new HashSet<>();
        Set<String> types = new HashSet<>();
        for (Visitor v : population.visitors()) {
            ips.add(v.ip());
            zones.add(v.timezone());
            agents.add(v.userAgent());
            types.add(v.device().type());
        }
        assertTrue(ips.size() > 1000 && ips.size() < 2000, "some visitors share an address: " + ips.size());
        assertTrue(ips.stream().anyMatch(ip -> ip.contains(":")), "IPv6 addresses once the IPv4 ranges are used up");
        assertTrue(zones.size() >= 15, "zones: " + zones.size());
        assertTrue(agents.size() >= 10, "agents: " + agents.size());
        assertEquals(Set.of("desktop", "mobile", "tablet"), types);
    }

    /** Each visitor's home city lies in the country of their time zone (Berlin's zone, German cities). */
    @Test
    void homeCitiesLieInTheirTimeZonesCountry() {
        Set<String> cities = new HashSet<>();
        for (Visitor v : population.visitors()) {
            assertTrue(Places.BY_ZONE.get(v.timezone()).stream().anyMatch(w -> w.value().equals(v.place())), v.toString());
            cities.add(v.place().cityName());
        }
        assertTrue(cities.size() >= 50, "cities: " + cities.size());
        assertEquals(Profiles.TIMEZONES.stream().map(Weighted::value).collect(java.util.stream.Collectors.toSet()), Places.BY_ZONE.keySet());
    }

    @Test
    void addressesComeFromTheDocumentationRanges() {
        assertEquals("192.0.2.1", Population.address(0));
        assertEquals("198.51.100.1", Population.address(254));
        assertEquals("203.0.113.254", Population.address(761));
        assertEquals("2001:db8:0:0::1", Population.address(762));
    }

    @Test
    void sameSeedSamePopulation() {
        assertEquals(Population.create(3, 50, 7).visitors(), Population.create(3, 50, 7).visitors());
    }


    @Test
    void namedSitesKeepTheirDomainsAndKindsAndEveryVisitorHasOneOfThemAsHome() {
        Population named = Population.create(List.of(Site.of("shop.example.com", "shop"), Site.of("blog.example.com", "blog")), 300, 1);
        assertEquals(List.of("shop", "blog"), named.sites().stream().map(s -> s.kind().name()).toList());
        assertEquals("https://shop.example.com", named.sites().getFirst().origin());
        assertTrue(named.visitors().stream().allMatch(v -> v.homeSite() >= 0 && v.homeSite() < 2));
        assertEquals(Set.of(0, 1), Set.copyOf(named.visitors().stream().map(Visitor::homeSite).toList()));
    }

    @Test
    void anUnknownSiteKindIsNamedInTheError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Site.of("x.example", "forum"));
        assertTrue(e.getMessage().contains("forum") && e.getMessage().contains("shop"), e.getMessage());
    }
}
