package dev.footfall.server.api;

import dev.footfall.model.InvalidFieldException;
import dev.footfall.model.stats.GoalHistory;
import dev.footfall.model.stats.GoalInfo;
import dev.footfall.server.auth.ApiToken;
import dev.footfall.server.auth.Authenticator;
import dev.footfall.server.goal.Goal;
import dev.footfall.server.goal.GoalFills;
import dev.footfall.server.goal.Goals;
import dev.footfall.server.goal.PathPattern;
import dev.footfall.server.http.ApiException;
import dev.footfall.server.http.JsonBodies;
import dev.footfall.server.http.QueryParams;
import dev.footfall.server.query.StatsEngine;
import dev.footfall.server.site.Site;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/v1/sites/{domain}/goals}: list a site's goals (any token that may read the site),
 * create ({@code 201}), change and delete them (admin tokens). A goal that repeats another's
 * definition or display name is a {@code 409}; a bad pattern, name or threshold a {@code 400}
 * naming the field. {@code GET …/goals/preview?goal_type=&page_path=&event_name=&scroll_threshold=}
 * counts a goal that is not stored yet over the last 30 days (the goal manager's live preview). Goals apply to history at once: reports compute conversions from what is
 * stored (see {@code query.GoalReports}), so there is nothing to fill after a change.
 */
public final class GoalsService implements HttpService {
    static final int MAX_BODY_BYTES = 8192;
    /** The preview counts the last 30 days, "last month" in the goal manager. */
    static final int PREVIEW_DAYS = 30;

    private final Goals goals;
    private final StatsEngine engine;
    private final Authenticator auth;
    private final JsonBodies bodies;
    private final Clock clock;

    public GoalsService(Goals goals, StatsEngine engine, Authenticator auth, JsonBodies bodies, Clock clock) {
        this.goals = goals;
        this.engine = engine;
        this.auth = auth;
        this.bodies = bodies;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{domain}/goals", this::handleList)
                .get("/{domain}/goals/preview", this::handlePreview)
                .get("/{domain}/goals/history", this::handleHistory)
                .post("/{domain}/goals", this::handleCreate)
                .patch("/{domain}/goals/{id}", this::handleUpdate)
                .delete("/{domain}/goals/{id}", this::handleDelete);
    }

    private void handleList(ServerRequest req, ServerResponse res) {
        ApiToken token = auth.require(req);
        Site site = auth.site(token, req.path().pathParameters().get("domain"), "domain");
        bodies.send(res, Status.OK_200, goals.list(site.id()).stream().map(GoalsService::info).toList());
    }

    /** Each goal's history fill: days filled of days, and whether it is done (reports are right either way, only slower meanwhile). */
    private void handleHistory(ServerRequest req, ServerResponse res) {
        ApiToken token = auth.require(req);
        Site site = auth.site(token, req.path().pathParameters().get("domain"), "domain");
        Map<Integer, GoalFills.State> fills = goals.fills(site.id());
        bodies.send(res, Status.OK_200, goals.list(site.id()).stream().map(g -> {
            GoalFills.State s = fills.get(g.id());
            return s == null ? new GoalHistory(g.id(), g.name(), 0, 0, false)
                    : new GoalHistory(g.id(), g.name(), s.days(), s.daysFilled(), s.done());
        }).toList());
    }

    /** A goal described by query parameters, counted over the last 30 days before it is saved. */
    private void handlePreview(ServerRequest req, ServerResponse res) {
        ApiToken token = auth.require(req);
        Site site = auth.site(token, req.path().pathParameters().get("domain"), "domain");
        Map<String, String> p = QueryParams.of(req.query());
        Integer threshold = null;
        if (p.get("scroll_threshold") != null && !p.get("scroll_threshold").isBlank()) {
            try {
                threshold = Integer.parseInt(p.get("scroll_threshold").strip());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("scroll_threshold", "scroll_threshold must be a whole percentage from 1 to 100");
            }
        }
        Goal goal = goal(site, 0, new GoalInfo(null, p.get("goal_type"), null, p.get("page_path"), p.get("event_name"), null, threshold));
        StatsEngine.Answer<?> answer = engine.goalPreview(site, goal, PREVIEW_DAYS);
        res.header(StatsService.SOURCE_HEADER, answer.source());
        bodies.send(res, Status.OK_200, answer.result());
    }

    private void handleCreate(ServerRequest req, ServerResponse res) {
        Site site = adminSite(req);
        GoalInfo body = bodies.parse(bodies.read(req, MAX_BODY_BYTES), GoalInfo.class);
        Goal goal = goal(site, 0, body);
        bodies.send(res, Status.CREATED_201, info(stored(() -> goals.create(goal, clock.millis()))));
    }

    private void handleUpdate(ServerRequest req, ServerResponse res) {
        Site site = adminSite(req);
        Goal old = existing(site, req);
        GoalInfo body = bodies.parse(bodies.read(req, MAX_BODY_BYTES), GoalInfo.class);
        GoalInfo before = info(old);
        boolean definitionChanged = body.goalType() != null || body.pagePath() != null || body.eventName() != null
                || body.customProps() != null || body.scrollThreshold() != null;
        String name = body.displayName() != null ? body.displayName()
                : definitionChanged && old.hasDefaultName() ? null : old.name();
        String type = body.goalType() != null ? body.goalType() : before.goalType();
        boolean sameKind = type.equals(before.goalType());
        GoalInfo merged = new GoalInfo(old.id(), type, name,
                body.pagePath() != null ? body.pagePath() : sameKind ? before.pagePath() : null,
                body.eventName() != null ? body.eventName() : sameKind ? before.eventName() : null,
                body.customProps() != null ? body.customProps() : sameKind ? before.customProps() : null,
                body.scrollThreshold() != null ? body.scrollThreshold() : sameKind ? before.scrollThreshold() : null);
        Goal goal = goal(site, old.id(), merged);
        stored(() -> goals.update(goal));
        bodies.send(res, Status.OK_200, info(goal));
    }

    private void handleDelete(ServerRequest req, ServerResponse res) {
        Site site = adminSite(req);
        Goal goal = existing(site, req);
        stored(() -> goals.delete(site.id(), goal.id()));
        res.status(Status.NO_CONTENT_204).send();
    }

    static Site adminSite(Authenticator auth, ServerRequest req) {
        ApiToken token = auth.require(req);
        auth.requireAdmin(token);
        return auth.site(token, req.path().pathParameters().get("domain"), "domain");
    }

    private Site adminSite(ServerRequest req) {
        return adminSite(auth, req);
    }

    /** The {@code {id}} path parameter as a number, else a 400 naming {@code id}. */
    static int pathId(ServerRequest req, String what) {
        String text = req.path().pathParameters().get("id");
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("id", what + " id '" + text + "' is not a whole number");
        }
    }

    private Goal existing(Site site, ServerRequest req) {
        int id = pathId(req, "goal");
        return goals.find(site.id(), id)
                .orElseThrow(() -> new ApiException(Status.NOT_FOUND_404, "site " + site.domain() + " has no goal " + id, "id"));
    }

    static <T> T stored(java.util.function.Supplier<T> write) {
        try {
            return write.get();
        } catch (Goals.Conflict e) {
            throw new ApiException(Status.CONFLICT_409, e.getMessage(), e.field());
        }
    }

    /** The goal a body describes; the type is inferred when absent (scroll_threshold: scroll, page_path: page, else event). */
    static Goal goal(Site site, int id, GoalInfo body) {
        try {
            Goal.Kind kind = body.goalType() != null ? Goal.Kind.parse(body.goalType())
                    : body.scrollThreshold() != null ? Goal.Kind.SCROLL
                    : body.pagePath() != null ? Goal.Kind.PAGE : Goal.Kind.EVENT;
            Optional<PathPattern> page = Optional.ofNullable(body.pagePath()).map(p -> PathPattern.parse(p, "page_path"));
            Map<String, String> props = body.customProps() == null ? Map.of() : body.customProps();
            return new Goal(id, site.id(), kind, body.displayName(), page, Optional.ofNullable(body.eventName()), props,
                    body.scrollThreshold() == null ? 0 : body.scrollThreshold());
        } catch (InvalidFieldException e) {
            throw ApiException.badRequest(e.field(), e.reason());
        }
    }

    static GoalInfo info(Goal g) {
        return new GoalInfo(g.id(), g.kind().wireName, g.name(), g.page().map(PathPattern::text).orElse(null), g.eventName().orElse(null),
                g.kind() == Goal.Kind.EVENT ? g.props() : null, g.kind() == Goal.Kind.SCROLL ? g.scrollThreshold() : null);
    }
}
