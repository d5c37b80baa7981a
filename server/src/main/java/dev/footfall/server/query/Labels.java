package dev.footfall.server.query;

import dev.footfall.server.lookup.Dimension;
import dev.footfall.server.rollup.RollupDim;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Breakdown groups to the text a row shows: dimension ids through their table, packed country
 * codes to letters, custom property ids to the value without its key. Raw text groups (country,
 * custom properties read from JSON) are already text. Regions and cities also have a name.
 */
final class Labels {
    private Labels() {
    }

    static Map<Object, String> of(Column col, Plan plan, Collection<Object> groups, DimValues dims) throws SQLException {
        Map<Object, String> labels = new HashMap<>();
        boolean rollup = plan instanceof Plan.FromRollup;
        if (col.rollupDim() == RollupDim.COUNTRY) {
            groups.forEach(g -> labels.put(g, StatsEngine.countryLabel(g)));
        } else if (col.rollupDim() == RollupDim.PROP && rollup) {
            Map<Integer, String> values = dims.propValues(col.property().propKey());
            groups.forEach(g -> labels.put(g, values.getOrDefault((Integer) g, "")));
        } else if (col.byId()) {
            List<Integer> ids = groups.stream().map(g -> (Integer) g).toList();
            Map<Integer, String> text = dims.labels(col.table().orElseThrow(), ids);
            groups.forEach(g -> labels.put(g, text.getOrDefault((Integer) g, "")));
        } else {
            groups.forEach(g -> labels.put(g, String.valueOf(g)));
        }
        return labels;
    }

    /**
     * Label → name of a {@link Dimension#named()} column's groups (a region's code to "Bavaria"),
     * empty for other columns. A code has one id, so each label has one name.
     */
    static Map<String, String> names(Column col, Map<Object, String> labels, DimValues dims) throws SQLException {
        Map<String, String> names = new HashMap<>();
        Optional<Dimension> table = col.table().filter(Dimension::named);
        if (table.isPresent()) {
            List<Integer> ids = labels.keySet().stream().map(g -> (Integer) g).toList();
            Map<Integer, String> byId = dims.names(table.get(), ids);
            labels.forEach((g, label) -> names.put(label, byId.getOrDefault((Integer) g, "")));
        }
        return names;
    }
}
