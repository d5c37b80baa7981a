package dev.footfall.server.query;

import dev.footfall.model.stats.Filter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Filters as SQL conditions on the raw tables. {@code ==}/{@code !=} values become ids first
 * (indexed probes), so the condition is an integer {@code IN} list; so does {@code ~} (contains),
 * through one pass over the dimension table ({@link FilterSql#ids}). Text columns (country, custom properties) compare text.
 * A custom property filter never matches events without that property.
 */
final class Conditions {
    private Conditions() {
    }

    /** The condition of one filter, on {@code e.*} or {@code v.*} as the property lives. */
    static Sql of(Filter f, DimValues dims) throws SQLException {
        Column col = Column.of(f.property());
        Sql expr = col.raw();
        if (f.op() == Filter.Op.CONTAINS) {
            List<String> needles = f.values();
            if (col.byId()) {
                Collection<Integer> ids = FilterSql.ids(new FilterV2.Is(FilterV2.Op.CONTAINS, f.property(), needles, true), col, dims);
                return ids.isEmpty() ? Sql.of("1 = 0")
                        : expr.then(" IN (" + ids.stream().sorted().map(String::valueOf).collect(Collectors.joining(", ")) + ")");
            }
            Sql any = Sql.of("(");
            for (int i = 0; i < needles.size(); i++) {
                any = any.then(i == 0 ? "" : " OR ").then(Sql.of("LOCATE(?, ", needles.get(i))).then(expr).then(") > 0");
            }
            return any.then(")");
        }
        String in = f.op() == Filter.Op.EQ ? " IN (" : " NOT IN (";
        if (!col.byId()) {
            return expr.then(in).then(new Sql(String.join(", ", Collections.nCopies(f.values().size(), "?")), List.copyOf(f.values())))
                    .then(")");
        }
        Map<String, Integer> ids = dims.ids(col.table().orElseThrow(), f.values());
        if (ids.isEmpty()) {
            return Sql.of(f.op() == Filter.Op.EQ ? "1 = 0" : "1 = 1");
        }
        return expr.then(in + ids.values().stream().sorted().map(String::valueOf).collect(Collectors.joining(", ")) + ")");
    }

    /** {@code AND}-joined conditions of the filters whose property lives on events (or on visits). */
    static Sql all(List<Filter> filters, boolean onEvents, DimValues dims) throws SQLException {
        Sql sql = Sql.of("");
        for (Filter f : filters) {
            if (Column.of(f.property()).onEvents() == onEvents) {
                sql = sql.then(" AND ").then(of(f, dims));
            }
        }
        return sql;
    }

    static List<Filter> onEvents(List<Filter> filters) {
        List<Filter> list = new ArrayList<>();
        for (Filter f : filters) {
            if (Column.of(f.property()).onEvents()) {
                list.add(f);
            }
        }
        return list;
    }
}
