package dev.footfall.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.footfall.server.lookup.DimIds;
import dev.footfall.server.lookup.Dimension;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The visit state line kept in Redis: round trip, lines of the earlier format, the page set's bound. */
class VisitStateTest {
    static VisitState visit(List<Integer> pages) {
        Map<Dimension, Integer> dims = new EnumMap<>(Dimension.class);
        for (int k = 0; k < Dimension.VISIT.size(); k++) {
            dims.put(Dimension.VISIT.get(k), 13 + k);
        }
        return new VisitState(7, 8, 1, 1_000, 2_000, 2, 3, 0, 11, 12, DimIds.of(dims), "DE", pages);
    }

    @Test
    void roundTrip() {
        VisitState v = visit(List.of(11, 12, 40));
        assertEquals(v, VisitState.decode(v.encode()));
        assertEquals(visit(List.of()), VisitState.decode(visit(List.of()).encode()));
    }

    /**
     * A line written before visits kept their pages (no 25th field) reads as a visit with no pages
     * yet, and one written before channels (no field after the pages) as a visit without a channel.
     */
    @Test
    void earlierLineHasNoPages() {
        String beforeChannels = cut(visit(List.of()).encode(), 3);
        String beforePages = cut(beforeChannels, 1);
        assertEquals(without(visit(List.of()), Dimension.CHANNEL), VisitState.decode(beforePages));
    }

    @Test
    void lineBeforeChannelsHasNoChannel() {
        VisitState read = VisitState.decode(cut(visit(List.of(11, 12)).encode(), 3));
        assertEquals(without(visit(List.of(11, 12)), Dimension.CHANNEL), read);
        assertEquals(0, read.id(Dimension.CHANNEL));
    }

    /** A line written before regions and cities (no two fields after the channel) reads as a visit with neither. */
    @Test
    void lineBeforePlacesHasNoRegionOrCity() {
        VisitState read = VisitState.decode(cut(visit(List.of(11, 12)).encode(), 2));
        assertEquals(without(visit(List.of(11, 12)), Dimension.REGION), read);
        assertEquals(0, read.id(Dimension.CITY));
        assertEquals(26, read.id(Dimension.CHANNEL));
    }

    /** The line without its last {@code fields} fields. */
    private static String cut(String line, int fields) {
        for (int i = 0; i < fields; i++) {
            line = line.substring(0, line.lastIndexOf(','));
        }
        return line;
    }

    /** The visit with 0 for {@code first} and the visit dimensions added after it. */
    private static VisitState without(VisitState v, Dimension first) {
        Map<Dimension, Integer> dims = new EnumMap<>(Dimension.class);
        int from = Dimension.VISIT.indexOf(first);
        Dimension.VISIT.forEach(d -> dims.put(d, Dimension.VISIT.indexOf(d) >= from ? 0 : v.id(d)));
        return new VisitState(v.visitId(), v.visitorId(), v.siteId(), v.startTs(), v.lastTs(), v.pageviews(), v.events(),
                v.interactiveEvents(), v.entryPageId(), v.exitPageId(), DimIds.of(dims), v.country(), v.pageIds());
    }

    @Test
    void pageSetKeepsFirstSeenOrderAndStopsAtItsBound() {
        VisitState v = visit(List.of(5, 3));
        assertEquals(List.of(5, 3), v.withPage(3));
        assertEquals(List.of(5, 3, 9), v.withPage(9));
        VisitState full = visit(IntStream.rangeClosed(1, VisitState.MAX_PAGES).boxed().toList());
        assertEquals(full.pageIds(), full.withPage(VisitState.MAX_PAGES + 1));
    }
}
