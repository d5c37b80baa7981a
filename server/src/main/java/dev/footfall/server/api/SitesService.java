package dev.footfall.server.api;

import dev.footfall.model.stats.SiteInfo;
import dev.footfall.model.stats.SiteSnippet;
import dev.footfall.server.auth.ApiToken;
import dev.footfall.server.auth.Authenticator;
import dev.footfall.server.http.ApiException;
import dev.footfall.server.http.JsonBodies;
import dev.footfall.server.site.Site;
import dev.footfall.server.site.SiteDirectory;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code /api/v1/sites}: list the sites a token may read; create ({@code 201}, {@code 409} when
 * the domain exists), change the time zone of, or delete a site with an admin token; and the
 * embed snippet of a site. Writes go through {@link SiteDirectory}, whose 30 s cache means other
 * instances see a change within that time.
 */
public final class SitesService implements HttpService {
    static final int MAX_BODY_BYTES = 4096;
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?");

    private final SiteDirectory sites;
    private final Authenticator auth;
    private final JsonBodies bodies;

    public SitesService(SiteDirectory sites, Authenticator auth, JsonBodies bodies) {
        this.sites = sites;
        this.auth = auth;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::handleList)
                .post("/", this::handleCreate)
                .get("/{domain}/snippet", this::handleSnippet)
                .patch("/{domain}", this::handleUpdate)
                .delete("/{domain}", this::handleDelete);
    }

    private void handleList(ServerRequest req, ServerResponse res) {
        ApiToken token = auth.require(req);
        List<SiteInfo> list = sites.all().stream().filter(token::canRead).map(SitesService::info).toList();
        bodies.send(res, Status.OK_200, list);
    }

    private void handleCreate(ServerRequest req, ServerResponse res) {
        auth.requireAdmin(auth.require(req));
        SiteInfo body = bodies.parse(bodies.read(req, MAX_BODY_BYTES), SiteInfo.class);
        String domain = domain(body.domain());
        ZoneId zone = zone(body.timezone() == null ? "UTC" : body.timezone());
        if (!sites.create(domain, zone, false)) {
            throw new ApiException(Status.CONFLICT_409, "site " + domain + " exists already", "domain");
        }
        bodies.send(res, Status.CREATED_201, new SiteInfo(domain, zone.getId()));
    }

    private void handleUpdate(ServerRequest req, ServerResponse res) {
        auth.requireAdmin(auth.require(req));
        String domain = req.path().pathParameters().get("domain");
        SiteInfo body = bodies.parse(bodies.read(req, MAX_BODY_BYTES), SiteInfo.class);
        if (body.timezone() == null) {
            throw ApiException.badRequest("timezone", "timezone is required");
        }
        ZoneId zone = zone(body.timezone());
        if (!sites.updateZone(domain, zone)) {
            throw new ApiException(Status.NOT_FOUND_404, "unknown site '" + domain + "'", "domain");
        }
        bodies.send(res, Status.OK_200, new SiteInfo(SiteDirectory.normalise(domain), zone.getId()));
    }

    private void handleDelete(ServerRequest req, ServerResponse res) {
        auth.requireAdmin(auth.require(req));
        String domain = req.path().pathParameters().get("domain");
        if (!sites.delete(domain)) {
            throw new ApiException(Status.NOT_FOUND_404, "unknown site '" + domain + "'", "domain");
        }
        res.status(Status.NO_CONTENT_204).send();
    }

    private void handleSnippet(ServerRequest req, ServerResponse res) {
        ApiToken token = auth.require(req);
        Site site = auth.site(token, req.path().pathParameters().get("domain"), "domain");
        bodies.send(res, Status.OK_200, new SiteSnippet(site.domain(), snippet(site.domain(), origin(req))));
    }

    static String snippet(String domain, String origin) {
        return "<script defer data-domain=\"" + domain + "\" src=\"" + origin + "/tracker.js\"></script>";
    }

    /** The origin clients reached this server at, as a reverse proxy reports it. */
    private static String origin(ServerRequest req) {
        String proto = req.headers().first(HeaderNames.X_FORWARDED_PROTO).orElse("http");
        String host = req.headers().first(HeaderNames.X_FORWARDED_HOST)
                .orElseGet(() -> req.headers().first(HeaderNames.HOST).orElse("localhost"));
        return (proto.equals("https") ? "https" : "http") + "://" + host;
    }

    static String domain(String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("domain", "domain is required");
        }
        String d = SiteDirectory.normalise(text);
        if (d.length() > 253 || !DOMAIN.matcher(d).matches()) {
            throw ApiException.badRequest("domain", "'" + text + "' is not a host name (no scheme, no path)");
        }
        return d;
    }

    private static ZoneId zone(String text) {
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException e) {
            throw ApiException.badRequest("timezone", "unknown time zone '" + text + "'");
        }
    }

    private static SiteInfo info(Site site) {
        return new SiteInfo(site.domain(), site.zone().getId());
    }
}
