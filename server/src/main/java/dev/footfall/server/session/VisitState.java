package dev.footfall.server.session;

/**
 * A visit in progress, as kept in Redis between a visitor's events: its running totals and the
 * visit-level dimension ids fixed by its first event. Encoded as one comma-separated line
 * (about 120 bytes) rather than a serialised object, so any instance version can read it.
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
        String country) {

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
                + deviceTypeId + "," + country;
    }

    static VisitState decode(String text) {
        String[] f = text.split(",", -1);
        return new VisitState(Long.parseLong(f[0]), Long.parseLong(f[1]), Integer.parseInt(f[2]), Long.parseLong(f[3]),
                Long.parseLong(f[4]), Integer.parseInt(f[5]), Integer.parseInt(f[6]), Integer.parseInt(f[7]),
                Integer.parseInt(f[8]), Integer.parseInt(f[9]), Integer.parseInt(f[10]), Integer.parseInt(f[11]),
                Integer.parseInt(f[12]), Integer.parseInt(f[13]), Integer.parseInt(f[14]), Integer.parseInt(f[15]),
                Integer.parseInt(f[16]), Integer.parseInt(f[17]), Integer.parseInt(f[18]), Integer.parseInt(f[19]),
                Integer.parseInt(f[20]), Integer.parseInt(f[21]), Integer.parseInt(f[22]), f[23]);
    }
}
