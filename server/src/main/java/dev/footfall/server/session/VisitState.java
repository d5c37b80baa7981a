package dev.footfall.server.session;

import dev.footfall.server.lookup.DimIds;
import dev.footfall.server.lookup.Dimension;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A visit in progress, as kept in Redis between a visitor's events: its running totals, the
 * visit-level dimension ids fixed by its first event, and the pages it had a pageview or custom
 * event on (at most {@link #MAX_PAGES}, in the order first seen), which the page rollups book the
 * visit under. Encoded as one comma-separated line (about 130 bytes) rather than a serialised
 * object, so any instance version can read it; a line written before page sets existed reads
 * as a visit with no pages yet.
 */
public record VisitState(
        long visitId,
        long visitorId,
        int siteId,
        long startTs,
        long lastTs,
        int pageviews,
        int events,
        int interactiveEvents,
        int entryPageId,
        int exitPageId,
        DimIds dims,
        String country,
        List<Integer> pageIds) {

    /**
     * Pages a visit is booked under at most: beyond them a visit (a crawler walking the site,
     * typically) still counts in full, but not under its later pages, so each of its events
     * rewrites a bounded number of page rollup rows.
     */
    public static final int MAX_PAGES = 50;

    /** Fields before the visit dimensions in the state line. */
    private static final int DIMS_AT = 10;
    /** Visit dimensions written before the country, as lines had them when this format began. */
    private static final int LINE_DIMS = 13;

    public VisitState {
        dims = dims.visitLevel();
        pageIds = List.copyOf(pageIds);
    }

    /** The id of visit-level dimension {@code d}, fixed by the visit's first event. */
    public int id(Dimension d) {
        return dims.get(d);
    }

    /** The page set after an event on {@code pageId}: unchanged when known or full. */
    List<Integer> withPage(int pageId) {
        if (pageIds.contains(pageId) || pageIds.size() >= MAX_PAGES) {
            return pageIds;
        }
        return Stream.concat(pageIds.stream(), Stream.of(pageId)).toList();
    }

    /** Bounce: at most one pageview and no interactive custom event. */
    public boolean bounce() {
        return pageviews <= 1 && interactiveEvents == 0;
    }

    public long durationMs() {
        return lastTs - startTs;
    }

    /**
     * The state line: the counters, the {@link Dimension#VISIT} ids in that list's order, the
     * country and the page set. A dimension added to the end of that list is written after the
     * page set, so lines of the earlier format still read (with 0 for it).
     */
    String encode() {
        StringBuilder line = new StringBuilder(160).append(visitId).append(',').append(visitorId).append(',').append(siteId)
                .append(',').append(startTs).append(',').append(lastTs).append(',').append(pageviews).append(',').append(events)
                .append(',').append(interactiveEvents).append(',').append(entryPageId).append(',').append(exitPageId);
        List<Dimension> dimsInLine = Dimension.VISIT;
        for (int k = 0; k < LINE_DIMS; k++) {
            line.append(',').append(dims.get(dimsInLine.get(k)));
        }
        line.append(',').append(country).append(',')
                .append(pageIds.stream().map(String::valueOf).collect(Collectors.joining(".")));
        for (int k = LINE_DIMS; k < dimsInLine.size(); k++) {
            line.append(',').append(dims.get(dimsInLine.get(k)));
        }
        return line.toString();
    }

    static VisitState decode(String text) {
        String[] f = text.split(",", -1);
        Map<Dimension, Integer> ids = new EnumMap<>(Dimension.class);
        for (int k = 0; k < Dimension.VISIT.size(); k++) {
            int at = k < LINE_DIMS ? DIMS_AT + k : DIMS_AT + LINE_DIMS + 2 + (k - LINE_DIMS);
            ids.put(Dimension.VISIT.get(k), at < f.length ? Integer.parseInt(f[at]) : 0);
        }
        int countryAt = DIMS_AT + LINE_DIMS;
        return new VisitState(Long.parseLong(f[0]), Long.parseLong(f[1]), Integer.parseInt(f[2]), Long.parseLong(f[3]),
                Long.parseLong(f[4]), Integer.parseInt(f[5]), Integer.parseInt(f[6]), Integer.parseInt(f[7]),
                Integer.parseInt(f[8]), Integer.parseInt(f[9]), DimIds.of(ids), f[countryAt],
                pages(f.length > countryAt + 1 ? f[countryAt + 1] : ""));
    }

    private static List<Integer> pages(String text) {
        return text.isEmpty() ? List.of() : Arrays.stream(text.split("\\.")).map(Integer::valueOf).toList();
    }
}
