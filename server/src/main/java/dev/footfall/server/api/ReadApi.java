package dev.footfall.server.api;

import dev.footfall.server.auth.ApiTokens;
import dev.footfall.server.auth.Authenticator;
import dev.footfall.server.query.CompatQueries;
import dev.footfall.server.query.StatsEngine;
import dev.footfall.server.site.SiteDirectory;
import io.helidon.webserver.http.HttpRouting;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The read side in one piece: token checks, the stats engine and the services that expose them
 * ({@code /api/v1/stats}, {@code /api/v1/sites}, {@code /analytics}, {@code /openapi}). Built
 * once by {@code Footfall}; when {@code adminToken} is set it becomes the admin token at start-up.
 */
public final class ReadApi {
    private final StatsService stats;
    private final SitesService sitesService;
    private final CompatService compat;
    private final OpenApiService openApi = new OpenApiService();
    private final Authenticator auth;

    public ReadApi(DataSource db, SiteDirectory sites, JsonBodies bodies, String adminToken, Clock clock,
                   Runnable rollupsCurrent) {
        ApiTokens tokens = new ApiTokens(db);
        if (adminToken != null && !adminToken.isBlank()) {
            tokens.bootstrapAdmin(adminToken.strip());
        }
        this.auth = new Authenticator(tokens, sites);
        StatsEngine engine = new StatsEngine(db, clock, rollupsCurrent);
        this.stats = new StatsService(engine, auth, bodies);
        this.sitesService = new SitesService(sites, auth, bodies);
        this.compat = new CompatService(sites, new CompatQueries(db, rollupsCurrent), engine, auth, bodies);
    }

    /** The token checks, for other routes that need them (the import route). */
    public Authenticator authenticator() {
        return auth;
    }

    public void register(HttpRouting.Builder routing) {
        routing.register("/api/v1/stats", stats)
                .register("/api/v1/sites", sitesService)
                .register("/analytics", compat)
                .register("/openapi", openApi);
    }
}
