package dev.footfall.traffic;

import dev.footfall.model.EventPayload;

/**
 * One event of a visit, sent {@code thinkMs} after the previous step of the same visit was
 * acknowledged. The payload is built and validated when the visit is planned; its event id is
 * set at send time.
 */
public record Step(Visitor visitor, EventPayload event, long thinkMs) {
    public boolean pageview() {
        return "pageview".equals(event.name());
    }
}
