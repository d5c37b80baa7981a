package dev.footfall.traffic;

/** A simulated website: {@code site1.example} …, each one of the {@link Profiles#KINDS} in turn. */
public record Site(String domain, Profiles.SiteKind kind) {
    public String origin() {
        return "https://" + domain;
    }
}
