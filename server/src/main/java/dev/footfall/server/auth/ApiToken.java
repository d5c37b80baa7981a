package dev.footfall.server.auth;

import dev.footfall.server.site.Site;
import java.util.Optional;

/**
 * A live API token as stored (never its secret): its name, the one site it is limited to (empty:
 * all sites) and whether it may manage sites.
 */
public record ApiToken(TokenId id, String name, Optional<Integer> siteId, boolean admin) {
    /** A token's row id. */
    public record TokenId(int value) {
    }

    public boolean canRead(Site site) {
        return admin || siteId.isEmpty() || siteId.get() == site.id();
    }
}
