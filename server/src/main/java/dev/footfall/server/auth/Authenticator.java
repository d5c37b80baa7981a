package dev.footfall.server.auth;

import dev.footfall.server.http.ApiException;
import dev.footfall.server.site.Site;
import dev.footfall.server.site.SiteDirectory;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/**
 * Bearer-token checks for the read API: {@code 401} without a live token, {@code 403} for a token
 * that may not see the site (or manage sites), {@code 400} for a site that does not exist when the
 * token could have seen it. A site-limited token gets 403 for any other domain, existing or not,
 * so it cannot probe which domains are registered.
 */
public final class Authenticator {
    private final ApiTokens tokens;
    private final SiteDirectory sites;

    public Authenticator(ApiTokens tokens, SiteDirectory sites) {
        this.tokens = tokens;
        this.sites = sites;
    }

    public ApiToken require(ServerRequest req) {
        String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw new ApiException(Status.UNAUTHORIZED_401, "missing bearer token: send Authorization: Bearer <token>", "Authorization");
        }
        return tokens.find(header.substring(7).strip())
                .orElseThrow(() -> new ApiException(Status.UNAUTHORIZED_401, "unknown or revoked token", "Authorization"));
    }

    public void requireAdmin(ApiToken token) {
        if (!token.admin()) {
            throw new ApiException(Status.FORBIDDEN_403, "this token may not manage sites", "Authorization");
        }
    }

    /** The site {@code domain} names, readable by {@code token}. */
    public Site site(ApiToken token, String domain, String field) {
        if (domain == null || domain.isBlank()) {
            throw ApiException.badRequest(field, field + " is required");
        }
        Optional<Site> site = sites.find(domain);
        if (site.isEmpty() || !token.canRead(site.get())) {
            if (token.siteId().isPresent() && !token.admin()) {
                throw new ApiException(Status.FORBIDDEN_403, "this token has no access to " + domain, field);
            }
            throw ApiException.badRequest(field, "unknown site '" + domain + "'");
        }
        return site.get();
    }
}
