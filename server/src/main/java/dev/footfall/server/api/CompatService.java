package dev.footfall.server.api;

import dev.footfall.server.auth.ApiToken;
import dev.footfall.server.auth.Authenticator;
import dev.footfall.server.http.ApiException;
import dev.footfall.server.http.JsonBodies;
import dev.footfall.server.query.CompatQueries;
import dev.footfall.server.query.StatsEngine;
import dev.footfall.server.site.Site;
import dev.footfall.server.site.SiteDirectory;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code /analytics/*}: the read contract of the dashboard Footfall replaces, answered from
 * rollups and behind the same bearer tokens as the stats API. {@code domain} may be a host or
 * the {@code http://host} form {@code /analytics/domains} lists; {@code startDate} and
 * {@code endDate} are site-local days ({@code YYYY-MM-DD}, or an ISO date-time whose date part is
 * used), defaulting to the last 30 days.
 */
public final class CompatService implements HttpService {
    private final SiteDirectory sites;
    private final CompatQueries queries;
    private final StatsEngine engine;
    private final Authenticator auth;
    private final JsonBodies bodies;

    public CompatService(SiteDirectory sites, CompatQueries queries, StatsEngine engine, Authenticator auth, JsonBodies bodies) {
        this.sites = sites;
        this.queries = queries;
        this.engine = engine;
        this.auth = auth;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/domains", this::handleDomains)
                .get("/visits", this::handleVisits)
                .get("/browsers", this::handleBrowsers)
                .get("/devices", this::handleDevices);
    }

    private void handleDomains(ServerRequest req, ServerResponse res) {
        ApiToken token = auth.require(req);
        List<String> domains = sites.all().stream().filter(token::canRead).map(s -> "http://" + s.domain()).toList();
        bodies.send(res, Status.OK_200, domains);
    }

    private void handleVisits(ServerRequest req, ServerResponse res) {
        Range r = range(req);
        bodies.send(res, Status.OK_200, queries.pageHours(r.site(), r.from(), r.to()));
    }

    private void handleBrowsers(ServerRequest req, ServerResponse res) {
        Range r = range(req);
        bodies.send(res, Status.OK_200, queries.browsers(r.site(), r.from(), r.to()));
    }

    private void handleDevices(ServerRequest req, ServerResponse res) {
        Range r = range(req);
        bodies.send(res, Status.OK_200, queries.devices(r.site(), r.from(), r.to()));
    }

    private record Range(Site site, LocalDate from, LocalDate to) {
    }

    private Range range(ServerRequest req) {
        ApiToken token = auth.require(req);
        String domain = req.query().first("domain").orElse("").replaceFirst("^https?://", "").replaceFirst("/.*$", "");
        Site site = auth.site(token, domain, "domain");
        LocalDate to = day(req, "endDate").orElse(engine.today(site));
        LocalDate from = day(req, "startDate").orElse(to.minusDays(29));
        if (to.isBefore(from)) {
            throw ApiException.badRequest("endDate", "endDate is before startDate");
        }
        return new Range(site, from, to);
    }

    private static java.util.Optional<LocalDate> day(ServerRequest req, String name) {
        String text = req.query().first(name).orElse("").strip();
        if (text.isEmpty()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text));
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name, "'" + text + "' is not a YYYY-MM-DD date");
        }
    }
}
