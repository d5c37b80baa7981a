package dev.footfall.console.api;

/** A site as {@code GET /api/v1/sites} lists it. */
public record SiteInfo(String domain, String timezone) {
    public SiteInfo {
        if (domain == null || domain.isBlank()) {
            throw new IllegalArgumentException("site without domain");
        }
    }

    @Override
    public String toString() {
        return domain;
    }
}
