package dev.footfall.server.site;

import java.time.ZoneId;

/** A registered website: its id, normalised domain and the time zone its reports use. */
public record Site(int id, String domain, ZoneId zone) {
    public Site {
        if (id <= 0) {
            throw new IllegalArgumentException("site id must be positive");
        }
        domain = SiteDirectory.normalise(domain);
    }
}
