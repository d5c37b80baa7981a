package dev.footfall.server.event;

/**
 * Who sent an event, as the pipeline knows it: never a person's data, only salted hashes.
 *
 * @param id         hash64(today's salt, site, client, user agent)
 * @param previousId the same hash with yesterday's salt, so a visit spanning midnight goes on; 0 if none
 */
public record Visitor(long id, long previousId) {
    public Visitor {
        if (id == 0) {
            throw new IllegalArgumentException("visitor id 0 is reserved for 'no visitor'");
        }
    }
}
