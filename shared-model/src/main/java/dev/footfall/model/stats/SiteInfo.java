package dev.footfall.model.stats;

/** A site as the sites API shows and accepts it: {@code {"domain": "example.com", "timezone": "Europe/Berlin"}}. */
public record SiteInfo(String domain, String timezone) {
}
