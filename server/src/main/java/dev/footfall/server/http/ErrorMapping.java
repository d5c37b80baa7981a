package dev.footfall.server.http;

import dev.footfall.model.ErrorBody;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Exceptions to HTTP answers, in one place for every route: an {@link ApiException} is its own
 * status and {@code {"error", "field"}} body, Helidon's own answers (404, 405, …) keep their
 * status, a failure whose cause is the database not answering is a 503 with Retry-After (an
 * outage is no server bug, and the client's retry is safe), and anything else is a 500 with no
 * internal detail (and a log line with the trace).
 */
public final class ErrorMapping {
    private static final Logger LOG = Logger.getLogger(ErrorMapping.class.getName());

    private ErrorMapping() {
    }

    static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static void answer(ServerRequest req, ServerResponse res, ApiException e, JsonBodies bodies, Set<String> corsPaths) {
        if (corsPaths.contains(req.prologue().uriPath().path())) {
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        }
        bodies.sendError(res, e);
    }

    /** {@code corsPaths}: routes whose errors carry CORS headers too (browsers treat an error without them as a network failure and retry). */
    public static void register(HttpRouting.Builder routing, JsonBodies bodies, Set<String> corsPaths) {
        routing.error(ApiException.class, (req, res, e) -> answer(req, res, e, bodies, corsPaths)).error(HttpException.class, (req, res, e) -> {
            if (e.status().code() >= 500) {
                LOG.log(Level.WARNING, "http: " + req.prologue().uriPath().path() + " failed", e);
            }
            String error = e.status().code() == 404 ? "not found" : e.status().reasonPhrase().toLowerCase(Locale.ROOT);
            bodies.send(res, e.status(), ErrorBody.of(error));
        }).error(Exception.class, (req, res, e) -> {
            if (causedBy(e, SQLException.class)) {
                LOG.warning(() -> "http: " + req.prologue().uriPath().path() + " answered 503, the database is unavailable: " + e.getMessage());
                answer(req, res, new ApiException(Status.SERVICE_UNAVAILABLE_503, "database unavailable, retry shortly", null, 5L),
                        bodies, corsPaths);
                return;
            }
            LOG.log(Level.WARNING, "http: " + req.prologue().method().text() + " " + req.prologue().uriPath().path() + " failed", e);
            bodies.send(res, Status.INTERNAL_SERVER_ERROR_500, ErrorBody.of("internal error"));
        });
    }
}
