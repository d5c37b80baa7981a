package dev.footfall.load.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.model.EventPayload;
import dev.footfall.model.SessionPayload;
import dev.footfall.model.WireJson;
import dev.footfall.traffic.Step;
import dev.footfall.traffic.Visitor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns planned steps into requests in the formats real clients send: the tracker's short keys
 * for {@code /api/event}, the old embed's camel-case record for {@code /api/session}.
 */
public final class Wire {
    public static final String EVENT_PATH = "/api/event";
    public static final String SESSION_PATH = "/api/session";

    private final ObjectMapper json = WireJson.mapper();

    /** The request for this step, or empty when the format has no such event (session: pageviews only). */
    public Optional<WireRequest> request(Step step, WireFormat format, Long timestampMs) {
        return switch (format) {
            case EVENT -> Optional.of(event(step));
            case SESSION -> step.pageview() ? Optional.of(session(step, timestampMs)) : Optional.empty();
        };
    }

    WireRequest event(Step step) {
        EventPayload e = step.event();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("n", e.name());
        body.put("u", e.url());
        body.put("d", e.domain());
        putIfPresent(body, "r", e.referrer());
        if (!e.props().isEmpty()) {
            body.put("p", e.props());
        }
        putIfPresent(body, "h", e.hash());
        putIfPresent(body, "i", e.interactive());
        if (e.revenue() != null) {
            body.put("$", Map.of("amount", e.revenue().amount(), "currency", e.revenue().currency()));
        }
        putIfPresent(body, "e", e.engagementMs());
        putIfPresent(body, "sd", e.scrollDepth());
        putIfPresent(body, "w", e.screenWidth());
        putIfPresent(body, "tz", e.timezone());
        return new WireRequest(EVENT_PATH, write(body), step.visitor().userAgent(), step.visitor().ip(), true);
    }

    WireRequest session(Step step, Long timestampMs) {
        Visitor v = step.visitor();
        EventPayload e = step.event();
        SessionPayload payload = new SessionPayload(e.url(), e.referrer(), v.userAgent(), v.device().browser(),
                v.device().os(), v.device().type(), v.id(), timestampMs);
        return new WireRequest(SESSION_PATH, write(payload), v.userAgent(), v.ip(), false);
    }

    private static void putIfPresent(Map<String, Object> body, String key, Object value) {
        if (value != null && !(value instanceof String s && s.isEmpty())) {
            body.put(key, value);
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a planned payload", e);
        }
    }
}
