package dev.footfall.traffic;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The sites and visitors of one run, fixed by a seed so a run can be repeated. Visitors get
 * addresses from the documentation ranges (three IPv4 /24s, then IPv6 {@code 2001:db8::/32});
 * about one in six shares an address with an earlier visitor, like households and offices
 * behind one NAT, and is then told apart by the server only through its user agent.
 */
public final class Population {
    private static final String[] V4_NETS = {"192.0.2.", "198.51.100.", "203.0.113."};
    private static final double SHARED_ADDRESS_SHARE = 0.15;
    private static final double HOME_SITE_SHARE = 0.85;

    private final List<Site> sites;
    private final List<Visitor> visitors;

    private Population(List<Site> sites, List<Visitor> visitors) {
        this.sites = List.copyOf(sites);
        this.visitors = List.copyOf(visitors);
    }

    /** {@code siteCount} sites named {@code site1.example} …, each kind in turn, and {@code visitorCount} visitors. */
    public static Population create(int siteCount, int visitorCount, long seed) {
        List<Site> sites = new ArrayList<>();
        for (int i = 1; i <= siteCount; i++) {
            sites.add(new Site("site" + i + ".example", Profiles.KINDS.get((i - 1) % Profiles.KINDS.size())));
        }
        return create(sites, visitorCount, seed);
    }

    /** These sites and {@code visitorCount} visitors, each with a home site among them. */
    public static Population create(List<Site> sites, int visitorCount, long seed) {
        if (sites.isEmpty() || visitorCount < 1) {
            throw new IllegalArgumentException("need at least one site and one visitor");
        }
        int siteCount = sites.size();
        SplittableRandom random = new SplittableRandom(seed);
        List<Visitor> visitors = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < visitorCount; i++) {
            String ip = !addresses.isEmpty() && random.nextDouble() < SHARED_ADDRESS_SHARE
                    ? addresses.get(random.nextInt(addresses.size())) : address(addresses.size());
            addresses.add(ip);
            byte[] id = new byte[8];
            random.nextBytes(id);
            Profiles.Device device = Weighted.pick(random, Profiles.DEVICES);
            String timezone = Weighted.pick(random, Profiles.TIMEZONES);
            Places.Place place = Places.homeOf(timezone, HexFormat.fromHexDigitsToLong(HexFormat.of().formatHex(id)));
            visitors.add(new Visitor(HexFormat.of().formatHex(id), device, ip, timezone, place, random.nextInt(siteCount)));
        }
        return new Population(sites, visitors);
    }

    /** The n-th distinct address: 762 IPv4 documentation addresses, then IPv6 documentation addresses. */
    static String address(int n) {
        int perNet = 254;
        if (n < V4_NETS.length * perNet) {
            return V4_NETS[n / perNet] + (n % perNet + 1);
        }
        int v6 = n - V4_NETS.length * perNet;
        return "2001:db8:" + Integer.toHexString(v6 >>> 16 & 0xffff) + ":" + Integer.toHexString(v6 & 0xffff) + "::1";
    }

    public List<Site> sites() {
        return sites;
    }

    public List<Visitor> visitors() {
        return visitors;
    }

    /** The site of this visitor's next visit: mostly their own, sometimes another. */
    public Site siteFor(Visitor visitor, RandomGenerator random) {
        return random.nextDouble() < HOME_SITE_SHARE ? sites.get(visitor.homeSite()) : sites.get(random.nextInt(sites.size()));
    }
}
