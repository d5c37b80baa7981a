package dev.footfall.server.query;

import dev.footfall.model.InvalidFieldException;
import dev.footfall.model.stats.Property;
import dev.footfall.model.stats.PropertyKind;
import dev.footfall.server.lookup.Dimension;
import dev.footfall.server.rollup.RollupDim;
import java.util.List;
import java.util.Optional;

/**
 * Where a property lives: its rollup dimension, the raw column (on {@code events e} for event
 * properties, on {@code visits v} for values the visit's first event fixed) and the dimension
 * table its ids point into. Country and custom properties are text in the raw tables, so they
 * have no table; custom properties are read from the JSON {@code props} column.
 */
record Column(Property property, RollupDim rollupDim, Sql raw, Optional<Dimension> table) {

    static Column of(Property p) {
        return switch (p.kind()) {
            case PAGE -> id(p, RollupDim.PAGE, "e.page_id", Dimension.PAGE);
            case NAME -> id(p, RollupDim.EVENT_NAME, "e.name_id", Dimension.EVENT_NAME);
            case HOSTNAME -> id(p, RollupDim.HOSTNAME, "e.hostname_id", Dimension.HOSTNAME);
            case PROPS -> props(p);
            case ENTRY_PAGE -> id(p, RollupDim.ENTRY_PAGE, "v.entry_page_id", Dimension.PAGE);
            case EXIT_PAGE -> id(p, RollupDim.EXIT_PAGE, "v.exit_page_id", Dimension.PAGE);
            case SOURCE -> id(p, RollupDim.SOURCE, "v.source_id", Dimension.SOURCE);
            case REFERRER -> id(p, RollupDim.REFERRER, "v.referrer_id", Dimension.REFERRER);
            case UTM_SOURCE -> id(p, RollupDim.UTM_SOURCE, "v.utm_source_id", Dimension.UTM_SOURCE);
            case UTM_MEDIUM -> id(p, RollupDim.UTM_MEDIUM, "v.utm_medium_id", Dimension.UTM_MEDIUM);
            case UTM_CAMPAIGN -> id(p, RollupDim.UTM_CAMPAIGN, "v.utm_campaign_id", Dimension.UTM_CAMPAIGN);
            case UTM_TERM -> id(p, RollupDim.UTM_TERM, "v.utm_term_id", Dimension.UTM_TERM);
            case UTM_CONTENT -> id(p, RollupDim.UTM_CONTENT, "v.utm_content_id", Dimension.UTM_CONTENT);
            case COUNTRY -> new Column(p, RollupDim.COUNTRY, new Sql("v.country", List.of()), Optional.empty());
            case DEVICE -> id(p, RollupDim.DEVICE_TYPE, "v.device_type_id", Dimension.DEVICE_TYPE);
            case BROWSER -> id(p, RollupDim.BROWSER, "v.browser_id", Dimension.BROWSER);
            case BROWSER_VERSION -> id(p, RollupDim.BROWSER_VERSION, "v.browser_version_id", Dimension.BROWSER_VERSION);
            case OS -> id(p, RollupDim.OS, "v.os_id", Dimension.OS);
            case OS_VERSION -> id(p, RollupDim.OS_VERSION, "v.os_version_id", Dimension.OS_VERSION);
            case CHANNEL -> id(p, RollupDim.CHANNEL, "v.channel_id", Dimension.CHANNEL);
            case REGION -> id(p, RollupDim.REGION, "v.region_id", Dimension.REGION);
            case CITY -> id(p, RollupDim.CITY, "v.city_id", Dimension.CITY);
            case GOAL -> throw new InvalidFieldException("property", "event:goal is a goal report's own breakdown or filter");
        };
    }

    /** True when the raw value is on {@code events}, false when it is on {@code visits}. */
    boolean onEvents() {
        return property.kind().eventLevel();
    }

    /** True when raw values are ids into {@link #table}, false when they are the text itself. */
    boolean byId() {
        return table.isPresent();
    }

    /**
     * Rollup metrics this column's rows can answer: exit pages carry visit counters only; pages
     * also carry the visit counters of the visits that saw them (for a report filtered to a page).
     */
    boolean rollupHas(dev.footfall.model.stats.Metric m) {
        return switch (property.kind()) {
            case EXIT_PAGE -> m.visitLevel();
            case PAGE -> m.visitLevel() || property.kind().metrics().contains(m);
            default -> property.kind().metrics().contains(m);
        };
    }

    private static Column id(Property p, RollupDim dim, String column, Dimension table) {
        return new Column(p, dim, new Sql(column, List.of()), Optional.of(table));
    }

    /** The JSON path is a bind parameter; keys that would need escaping in a path are refused. */
    private static Column props(Property p) {
        String key = p.propKey();
        if (key.contains("\"") || key.contains("\\")) {
            throw new InvalidFieldException("property", "custom property keys cannot contain quotes or backslashes");
        }
        return new Column(p, RollupDim.PROP, new Sql("JSON_UNQUOTE(JSON_EXTRACT(e.props, ?))", List.of("$.\"" + key + "\"")),
                Optional.empty());
    }
}
