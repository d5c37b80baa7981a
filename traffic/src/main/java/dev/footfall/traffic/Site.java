package dev.footfall.traffic;

/**
 * A simulated website: one of the {@link Profiles#KINDS} under a domain ({@code site1.example} …
 * for the simulator, {@code shop.example.com} … for the demo data).
 */
public record Site(String domain, Profiles.SiteKind kind) {
    /** The site {@code domain} of the kind named {@code kind} ({@link Profiles#kind}). */
    public static Site of(String domain, String kind) {
        return new Site(domain, Profiles.kind(kind));
    }

    public String origin() {
        return "https://" + domain;
    }
}
