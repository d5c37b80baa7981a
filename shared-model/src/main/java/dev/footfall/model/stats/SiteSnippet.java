package dev.footfall.model.stats;

/** {@code GET /api/v1/sites/{domain}/snippet}: the HTML to paste into the site's pages. */
public record SiteSnippet(String domain, String snippet) {
}
