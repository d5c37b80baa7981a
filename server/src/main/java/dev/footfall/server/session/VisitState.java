package dev.footfall.server.session;

import java.util.Arrays;
import java.util.List;
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
        int hostnameId,
        int referrerId,
        int sourceId,
        int utmSourceId,
        int utmMediumId,
        int utmCampaignId,
        int utmTermId,
        int utmContentId,
        int browserId,
        int browserVersionId,
        int osId,
        int osVersionId,
        int deviceTypeId,
        String country,
        List<Integer> pageIds) {

    /**
     * Pages a visit is booked under at most: beyond them a visit (a crawler walking the site,
     * typically) still counts in full, but not under its later pages, so each of its events
     * rewrites a bounded number of page rollup rows.
     */
    public static final int MAX_PAGES = 50;

    public VisitState {
        pageIds = List.copyOf(pageIds);
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

    String encode() {
        return visitId + "," + visitorId + "," + siteId + "," + startTs + "," + lastTs + "," + pageviews + "," + events + ","
                + interactiveEvents + "," + entryPageId + "," + exitPageId + "," + hostnameId + "," + referrerId + ","
                + sourceId + "," + utmSourceId + "," + utmMediumId + "," + utmCampaignId + "," + utmTermId + ","
                + utmContentId + "," + browserId + "," + browserVersionId + "," + osId + "," + osVersionId + ","
                + deviceTypeId + "," + country + "," + pageIds.stream().map(String::valueOf).collect(Collectors.joining("."));
    }

    static VisitState decode(String text) {
        String[] f = text.split(",", -1);
        return new VisitState(Long.parseLong(f[0]), Long.parseLong(f[1]), Integer.parseInt(f[2]), Long.parseLong(f[3]),
                Long.parseLong(f[4]), Integer.parseInt(f[5]), Integer.parseInt(f[6]), Integer.parseInt(f[7]),
                Integer.parseInt(f[8]), Integer.parseInt(f[9]), Integer.parseInt(f[10]), Integer.parseInt(f[11]),
                Integer.parseInt(f[12]), Integer.parseInt(f[13]), Integer.parseInt(f[14]), Integer.parseInt(f[15]),
                Integer.parseInt(f[16]), Integer.parseInt(f[17]), Integer.parseInt(f[18]), Integer.parseInt(f[19]),
                Integer.parseInt(f[20]), Integer.parseInt(f[21]), Integer.parseInt(f[22]), f[23], pages(f.length > 24 ? f[24] : ""));
    }

    private static List<Integer> pages(String text) {
        return text.isEmpty() ? List.of() : Arrays.stream(text.split("\\.")).map(Integer::valueOf).toList();
    }
}
