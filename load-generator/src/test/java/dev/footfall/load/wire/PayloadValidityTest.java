package dev.footfall.load.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.model.EventPayload;
import dev.footfall.model.SessionPayload;
import dev.footfall.model.WireJson;
import dev.footfall.traffic.Population;
import dev.footfall.traffic.Step;
import dev.footfall.traffic.VisitGenerator;
import dev.footfall.traffic.Visitor;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What the load generator sends must pass the server's own parsing and validation, and look like
 * real traffic. The population itself is tested in the traffic module ({@code PopulationTest}).
 */
class PayloadValidityTest {
    private final ObjectMapper json = WireJson.mapper();
    private final Population population = Population.create(8, 2000, 42);
    private final Wire wire = new Wire();

    private List<List<Step>> visits(int count) {
        SplittableRandom random = new SplittableRandom(1);
        VisitGenerator generator = new VisitGenerator(random);
        List<List<Step>> visits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Visitor visitor = population.visitors().get(random.nextInt(population.visitors().size()));
            visits.add(generator.visit(visitor, population.siteFor(visitor, random)));
        }
        return visits;
    }

    @Test
    void everyEventBodyParsesAsAValidEventPayload() throws Exception {
        EventIds ids = new EventIds("test");
        int pageviews = 0, engagements = 0, custom = 0, withProps = 0, withRevenue = 0, hashed = 0, tagged = 0, bounces = 0;
        for (List<Step> visit : visits(3000)) {
            assertTrue(visit.getFirst().pageview(), "a visit starts with a pageview");
            assertEquals(0, visit.getFirst().thinkMs());
            long visitPageviews = visit.stream().filter(Step::pageview).count();
            bounces += visitPageviews == 1 ? 1 : 0;
            for (Step step : visit) {
                WireRequest request = wire.request(step, WireFormat.EVENT, null).orElseThrow();
                String id = ids.next();
                EventPayload parsed = json.readValue(request.withEventId(id), EventPayload.class);
                assertEquals(id, parsed.eventId());
                assertEquals(step.event(), withoutId(parsed));
                assertEquals(Wire.EVENT_PATH, request.path());
                assertTrue(parsed.url().startsWith("https://" + parsed.domain() + "/"), parsed.url());
                assertEquals(step.visitor().userAgent(), request.userAgent());
                assertNotNull(InetAddress.ofLiteral(request.forwardedFor()));
                assertNotNull(parsed.timezone());
                assertNotNull(parsed.screenWidth());
                switch (parsed.name()) {
                    case "pageview" -> pageviews++;
                    case "engagement" -> {
                        engagements++;
                        assertFalse(parsed.isInteractive(), "engagement events are not interactive");
                        assertTrue(parsed.engagementMs() > 0);
                        assertNotNull(parsed.scrollDepth());
                    }
                    default -> {
                        custom++;
                        withProps += parsed.props().isEmpty() ? 0 : 1;
                        withRevenue += parsed.revenue() == null ? 0 : 1;
                    }
                }
                hashed += Boolean.TRUE.equals(parsed.hash()) ? 1 : 0;
                tagged += parsed.url().contains("utm_source=") ? 1 : 0;
            }
        }
        assertTrue(pageviews > 3000 && engagements > 1000 && custom > 200, pageviews + "/" + engagements + "/" + custom);
        assertTrue(withProps > custom / 2 && withRevenue > 10, withProps + "/" + withRevenue);
        assertTrue(hashed > 100 && tagged > 100, hashed + "/" + tagged);
        assertTrue(bounces > 600 && bounces < 2400, "bounces: " + bounces);
    }

    private static EventPayload withoutId(EventPayload p) {
        return new EventPayload(p.name(), p.url(), p.domain(), p.referrer(), p.props(), p.hash(), p.interactive(), p.revenue(),
                null, p.engagementMs(), p.scrollDepth(), p.screenWidth(), p.timezone());
    }

    @Test
    void eventBodiesUseTheTrackersShortKeys() throws Exception {
        Step step = visits(1).getFirst().getFirst();
        JsonNode body = json.readTree(wire.request(step, WireFormat.EVENT, null).orElseThrow().withEventId("x-1"));
        assertEquals("x-1", body.get("id").asText());
        assertEquals("pageview", body.get("n").asText());
        assertTrue(body.has("u") && body.has("d") && body.has("w") && body.has("tz"), body.toString());
        assertFalse(body.has("name") || body.has("url"), body.toString());
    }

    @Test
    void sessionBodiesParseAsValidSessionPayloadsAndCarryPageviewsOnly() throws Exception {
        int sent = 0;
        for (List<Step> visit : visits(500)) {
            for (Step step : visit) {
                var request = wire.request(step, WireFormat.SESSION, 1_764_000_000_000L);
                assertEquals(step.pageview(), request.isPresent());
                if (request.isEmpty()) {
                    continue;
                }
                sent++;
                assertEquals(Wire.SESSION_PATH, request.get().path());
                assertEquals(request.get().body(), request.get().withEventId("ignored"), "the old format has no event id");
                SessionPayload parsed = json.readValue(request.get().body(), SessionPayload.class);
                assertEquals(step.event().url(), parsed.pageUrl());
                assertEquals(step.visitor().id(), parsed.user());
                assertEquals(step.visitor().userAgent(), parsed.userAgent());
                assertNotNull(parsed.browser());
                assertEquals(1_764_000_000_000L, parsed.sentMs().orElseThrow());
            }
        }
        assertTrue(sent > 500);
    }

    @Test
    void poolHasTheRequestedSizeAndAMixOfEvents() {
        List<WireRequest> pool = PayloadPool.create(population, WireFormat.EVENT, 5000, 3);
        assertEquals(5000, pool.size());
        long engagements = pool.stream().filter(r -> r.body().contains("\"n\":\"engagement\"")).count();
        assertTrue(engagements > 500 && engagements < 4000, "engagements: " + engagements);
    }
}
