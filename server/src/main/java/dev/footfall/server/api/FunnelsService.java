package dev.footfall.server.api;

import dev.footfall.model.InvalidFieldException;
import dev.footfall.model.stats.FunnelInfo;
import dev.footfall.server.auth.ApiToken;
import dev.footfall.server.auth.Authenticator;
import dev.footfall.server.goal.Funnel;
import dev.footfall.server.goal.Funnels;
import dev.footfall.server.goal.Goal;
import dev.footfall.server.goal.Goals;
import dev.footfall.server.http.ApiException;
import dev.footfall.server.http.JsonBodies;
import dev.footfall.server.site.Site;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code /api/v1/sites/{domain}/funnels}, like the goals routes: list a site's funnels (any token
 * that may read the site), create ({@code 201}), change and delete them (admin tokens). A repeated
 * name is a {@code 409}; fewer than 2 or more than 8 steps, a repeated step or a goal id the site
 * does not have a {@code 400} naming {@code steps}. The report is {@code /api/v1/stats/funnel}.
 */
public final class FunnelsService implements HttpService {
    static final int MAX_BODY_BYTES = 4096;

    private final Funnels funnels;
    private final Goals goals;
    private final Authenticator auth;
    private final JsonBodies bodies;
    private final Clock clock;

    public FunnelsService(Funnels funnels, Goals goals, Authenticator auth, JsonBodies bodies, Clock clock) {
        this.funnels = funnels;
        this.goals = goals;
        this.auth = auth;
        this.bodies = bodies;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{domain}/funnels", this::handleList)
                .post("/{domain}/funnels", this::handleCreate)
                .patch("/{domain}/funnels/{id}", this::handleUpdate)
                .delete("/{domain}/funnels/{id}", this::handleDelete);
    }

    private void handleList(ServerRequest req, ServerResponse res) {
        ApiToken token = auth.require(req);
        Site site = auth.site(token, req.path().pathParameters().get("domain"), "domain");
        bodies.send(res, Status.OK_200, funnels.list(site.id()).stream().map(FunnelsService::info).toList());
    }

    private void handleCreate(ServerRequest req, ServerResponse res) {
        Site site = GoalsService.adminSite(auth, req);
        FunnelInfo body = bodies.parse(bodies.read(req, MAX_BODY_BYTES), FunnelInfo.class);
        Funnel funnel = funnel(site, 0, body.name(), body.steps());
        bodies.send(res, Status.CREATED_201, info(GoalsService.stored(() -> funnels.create(funnel, clock.millis()))));
    }

    private void handleUpdate(ServerRequest req, ServerResponse res) {
        Site site = GoalsService.adminSite(auth, req);
        Funnel old = existing(site, req);
        FunnelInfo body = bodies.parse(bodies.read(req, MAX_BODY_BYTES), FunnelInfo.class);
        Funnel funnel = funnel(site, old.id(), body.name() != null ? body.name() : old.name(),
                body.steps() != null ? body.steps() : old.goalIds());
        GoalsService.stored(() -> funnels.update(funnel));
        bodies.send(res, Status.OK_200, info(funnel));
    }

    private void handleDelete(ServerRequest req, ServerResponse res) {
        Site site = GoalsService.adminSite(auth, req);
        Funnel funnel = existing(site, req);
        funnels.delete(site.id(), funnel.id());
        res.status(Status.NO_CONTENT_204).send();
    }

    private Funnel existing(Site site, ServerRequest req) {
        int id = GoalsService.pathId(req, "funnel");
        return funnels.find(site.id(), id)
                .orElseThrow(() -> new ApiException(Status.NOT_FOUND_404, "site " + site.domain() + " has no funnel " + id, "id"));
    }

    /** The funnel a body describes, its steps checked against the site's goals. */
    private Funnel funnel(Site site, int id, String name, List<Integer> steps) {
        Funnel funnel;
        try {
            funnel = new Funnel(id, site.id(), name, steps);
        } catch (InvalidFieldException e) {
            throw ApiException.badRequest(e.field(), e.reason());
        }
        Set<Integer> known = goals.list(site.id()).stream().map(Goal::id).collect(Collectors.toSet());
        List<Integer> unknown = funnel.goalIds().stream().filter(g -> !known.contains(g)).toList();
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("steps", "site " + site.domain() + " has no goal(s) " + unknown);
        }
        return funnel;
    }

    static FunnelInfo info(Funnel f) {
        return new FunnelInfo(f.id(), f.name(), f.goalIds());
    }
}
