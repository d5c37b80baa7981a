package dev.footfall.server.event;

import dev.footfall.server.site.Site;
import java.util.Map;
import java.util.Objects;

/**
 * One enriched event, ready for the lookup and store steps: every dimension is final text, the
 * visitor is already a salted hash, and nothing here identifies a person. Composed of the
 * enrichment's own records, so a value can only go where its type fits.
 *
 * @param eventId client id for idempotency, or null
 * @param country ISO 3166-1 alpha-2 code, or "" when unknown
 * @param place   region and city within the country, {@link Place#NONE} when unknown
 */
public record Hit(
        Site site,
        long tsMs,
        EventKind kind,
        String name,
        Location location,
        Source source,
        Utm utm,
        Software software,
        String country,
        Place place,
        Measures measures,
        Revenue revenue,
        Map<String, String> props,
        String eventId,
        Visitor visitor) {

    public Hit {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(utm, "utm");
        Objects.requireNonNull(software, "software");
        Objects.requireNonNull(visitor, "visitor");
        country = country == null ? "" : country;
        place = place == null ? Place.NONE : place;
        measures = measures == null ? Measures.PAGEVIEW : measures;
        revenue = revenue == null ? Revenue.NONE : revenue;
        props = props == null ? Map.of() : props;
    }

    /** Counts toward bounce: a pageview, or a custom event the sender marked interactive. */
    public boolean interactiveCustomEvent() {
        return kind == EventKind.CUSTOM && measures.interactive();
    }
}
