package dev.footfall.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.server.cache.CacheKeys;
import dev.footfall.server.event.EventKind;
import dev.footfall.server.event.Hit;
import dev.footfall.server.event.Location;
import dev.footfall.server.event.Measures;
import dev.footfall.server.event.Revenue;
import dev.footfall.server.event.Software;
import dev.footfall.server.event.Source;
import dev.footfall.server.event.Utm;
import dev.footfall.server.event.Visitor;
import dev.footfall.server.lookup.DimIds;
import dev.footfall.server.lookup.Dimension;
import dev.footfall.server.lookup.HitIds;
import dev.footfall.server.site.Site;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How hits become visits: opening, continuing, the idle gap, engagement without a visit, state from Redis, midnight. */
class VisitTrackerTest {
    static final Site SITE = new Site(3, "shop.test", ZoneId.of("Europe/Berlin"));
    static final long T0 = 1_780_000_000_000L;
    static final long MINUTE = 60_000;

    private final VisitTracker tracker = new VisitTracker();

    static Hit hit(long ts, EventKind kind, long visitor, long previousVisitor, boolean interactive) {
        return new Hit(SITE, ts, kind, kind == EventKind.PAGEVIEW ? "pageview" : "Signup", new Location("shop.test", "/"),
                Source.NONE, Utm.NONE, new Software("Firefox", "145", "Linux", "Unknown", "Desktop"), "DE", null,
                new Measures(null, kind == EventKind.ENGAGEMENT ? 5_000 : 0, null, interactive), Revenue.NONE, Map.of(), null,
                new Visitor(visitor, previousVisitor));
    }

    static Hit pageview(long ts, long visitor) {
        return hit(ts, EventKind.PAGEVIEW, visitor, 0, true);
    }

    /** Ids as the lookup would give them: the page id as asked, every other dimension 100 + its ordinal. */
    static HitIds ids(int page) {
        Map<Dimension, Integer> dims = new EnumMap<>(Dimension.class);
        Dimension.SINGLE.forEach(d -> dims.put(d, 100 + d.ordinal()));
        dims.put(Dimension.PAGE, page);
        return new HitIds(DimIds.of(dims), List.of());
    }

    private VisitTracker.Visits track(List<Hit> hits, Map<String, String> loaded) {
        return tracker.track(hits, IntStream.range(0, hits.size()).mapToObj(i -> ids(i + 1)).toList(), loaded);
    }

    @Test
    void firstHitOpensAVisitAndTheNextContinuesIt() {
        VisitTracker.Visits v = track(List.of(pageview(T0, 9), pageview(T0 + 5 * MINUTE, 9)), Map.of());
        Transition first = v.transitions().get(0);
        Transition second = v.transitions().get(1);
        assertNull(first.before());
        assertSame(first.after(), second.before());
        VisitState visit = second.after();
        assertEquals(first.after().visitId(), visit.visitId());
        assertEquals(2, visit.pageviews());
        assertEquals(1, visit.entryPageId());
        assertEquals(2, visit.exitPageId());
        assertEquals(List.of(1, 2), visit.pageIds());
        assertEquals(5 * MINUTE, visit.durationMs());
        assertFalse(visit.bounce());
        assertEquals(100 + Dimension.SOURCE.ordinal(), visit.id(Dimension.SOURCE));
        assertEquals(1, v.visits().size());
        assertEquals(Map.of(CacheKeys.visit(SITE.id(), 9), visit.encode()), v.states());
    }

    @Test
    void moreThanThirtyIdleMinutesOpenANewVisit() {
        VisitTracker.Visits v = track(List.of(pageview(T0, 9), pageview(T0 + 31 * MINUTE, 9)), Map.of());
        assertNull(v.transitions().get(1).before());
        assertNotEquals(v.transitions().get(0).after().visitId(), v.transitions().get(1).after().visitId());
        assertTrue(v.transitions().get(1).after().bounce());
        assertEquals(2, v.visits().size());
    }

    @Test
    void engagementWithoutAnOpenVisitIsIgnored() {
        VisitTracker.Visits v = track(List.of(hit(T0, EventKind.ENGAGEMENT, 9, 0, false)), Map.of());
        assertTrue(v.ignored(0));
        assertTrue(v.visits().isEmpty());
        assertTrue(v.states().isEmpty());
    }

    @Test
    void engagementAndNonInteractiveEventsKeepTheBounce() {
        VisitTracker.Visits v = track(List.of(pageview(T0, 9), hit(T0 + MINUTE, EventKind.ENGAGEMENT, 9, 0, false),
                hit(T0 + 2 * MINUTE, EventKind.CUSTOM, 9, 0, false)), Map.of());
        assertTrue(v.transitions().get(2).after().bounce());
        assertEquals(2, v.transitions().get(2).after().events(), "the pageview and the custom event count, the engagement not");

        VisitTracker.Visits interactive = track(List.of(pageview(T0, 9), hit(T0 + MINUTE, EventKind.CUSTOM, 9, 0, true)), Map.of());
        assertFalse(interactive.transitions().get(1).after().bounce());
    }

    @Test
    void visitStateReadFromRedisIsContinued() {
        VisitState open = track(List.of(pageview(T0, 9)), Map.of()).transitions().getFirst().after();
        Map<String, String> loaded = Map.of(CacheKeys.visit(SITE.id(), 9), open.encode());
        Transition next = track(List.of(pageview(T0 + 10 * MINUTE, 9)), loaded).transitions().getFirst();
        assertEquals(open, next.before());
        assertEquals(open.visitId(), next.after().visitId());
        assertEquals(2, next.after().pageviews());
    }

    /** A visitor whose id changed at midnight: within 30 minutes the visit goes on under yesterday's id, after it a new one starts. */
    @ParameterizedTest
    @CsvSource({"10, true", "45, false"})
    void visitOverMidnightContinuesUnderThePreviousDayIdWhileNotIdle(int minutesLater, boolean continues) {
        VisitState open = track(List.of(pageview(T0, 41)), Map.of()).transitions().getFirst().after();
        Map<String, String> loaded = Map.of(CacheKeys.visit(SITE.id(), 41), open.encode());
        Transition next = track(List.of(hit(T0 + minutesLater * MINUTE, EventKind.PAGEVIEW, 42, 41, true)), loaded)
                .transitions().getFirst();
        assertEquals(continues ? 41 : 42, next.visitorId());
        assertEquals(continues, next.before() != null);
        assertEquals(continues, next.after().visitId() == open.visitId());
    }
}
