package dev.footfall.server.query;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A v2 {@link FilterV2} as one SQL condition on the raw rows ({@code e.*}, {@code v.*}), every
 * value a bind parameter. Each condition is two-valued (true or false, never NULL), so {@code not}
 * is plain negation (always parenthesised, so it means the same under {@code HIGH_NOT_PRECEDENCE}):
 * a custom-property condition says false for an event without the property,
 * whatever the operator. Dimension columns hold ids, so a condition on them is an {@code IN} over
 * the ids whose text matches, resolved first ({@link #ids}): a case-sensitive {@code is} by index
 * probes, as v1's {@link Conditions}, the rest by a pass over the dimension table. The tables are
 * {@code utf8mb4_bin}, so comparisons, {@code LOCATE} and {@code REGEXP} are case-sensitive (on
 * MySQL 8 and MariaDB alike); {@code case_sensitive: false} lower-cases both sides, and prefixes
 * a regular expression with {@code (?i)}, which both ICU (MySQL) and PCRE (MariaDB) read. A
 * behavioural filter is the visit's id among those of events in the {@link Scope} meeting its
 * filter (the raw reads' own semi-join, {@link RawReader#visitsWithEvent}).
 */
final class FilterSql {
    private FilterSql() {
    }

    /** The site and [fromMs, toMs) of the query: where a behavioural filter looks for the visit's events. */
    record Scope(int siteId, long fromMs, long toMs) {
    }

    static Sql of(FilterV2 f, DimValues dims, Scope scope) throws SQLException {
        return switch (f) {
            case FilterV2.Is is -> condition(is, dims);
            case FilterV2.And and -> joined(and.all(), " AND ", dims, scope);
            case FilterV2.Or or -> joined(or.any(), " OR ", dims, scope);
            case FilterV2.Not not -> Sql.of("NOT (").then(of(not.negated(), dims, scope)).then(")");
            case FilterV2.HasDone done -> Sql.of(done.negated() ? "NOT (1 = 1" : "(1 = 1")
                    .then(RawReader.visitsWithEvent(scope.siteId(), scope.fromMs(), scope.toMs(), false,
                            Sql.of(" AND ").then(of(done.done(), dims, scope)))).then(")");
        };
    }

    /** {@code " AND …"} for each filter, or nothing. */
    static Sql all(List<FilterV2> filters, DimValues dims, Scope scope) throws SQLException {
        Sql sql = Sql.of("");
        for (FilterV2 f : filters) {
            sql = sql.then(" AND ").then(of(f, dims, scope));
        }
        return sql;
    }

    private static Sql joined(List<FilterV2> parts, String op, DimValues dims, Scope scope) throws SQLException {
        Sql sql = Sql.of("(");
        for (int i = 0; i < parts.size(); i++) {
            sql = sql.then(i == 0 ? "" : op).then(of(parts.get(i), dims, scope));
        }
        return sql.then(")");
    }

    private static Sql condition(FilterV2.Is f, DimValues dims) throws SQLException {
        Column col = Column.of(f.property());
        String not = f.op().negated ? "NOT " : "";
        if (!col.byId()) {
            Sql value = f.caseSensitive() ? Sql.of("CONVERT(").then(col.raw()).then(" USING utf8mb4) COLLATE utf8mb4_bin") : col.raw();
            return Sql.of("(").then(col.raw()).then(" IS NOT NULL AND " + not + "(").then(matching(f, value)).then("))");
        }
        Collection<Integer> ids = ids(f, col, dims);
        if (ids.isEmpty()) {
            return Sql.of(f.op().negated ? "1 = 1" : "1 = 0");
        }
        return col.raw().then(" " + not + "IN (" + ids.stream().sorted().map(String::valueOf).collect(Collectors.joining(", ")) + ")");
    }

    /**
     * The ids of the dimension rows whose text matches {@code f}'s positive form: a case-sensitive
     * {@code is} by the values' keys, the rest by a pass over the dimension table (a few hundred or
     * thousand rows), so the raw rows are filtered by a list of integers the index ranges can use.
     */
    static Collection<Integer> ids(FilterV2.Is f, Column col, DimValues dims) throws SQLException {
        if (f.op().positive() == FilterV2.Op.IS && f.caseSensitive()) {
            return dims.ids(col.table().orElseThrow(), f.values()).values();
        }
        List<Integer> ids = new ArrayList<>();
        Sql sql = Sql.of("SELECT id FROM " + col.table().orElseThrow().table() + " WHERE ").then(matching(f, Sql.of("value")))
                .then(" /* FilterSql.ids */");
        RawReader.run(dims.connection(), sql, rs -> ids.add(rs.getInt(1)));
        return ids;
    }

    /** True when {@code value} (not NULL) matches any of the condition's values, by its operator's positive form. */
    static Sql matching(FilterV2.Is f, Sql value) {
        boolean cs = f.caseSensitive();
        Sql subject = cs ? value : Sql.of("LOWER(").then(value).then(")");
        String param = cs ? "?" : "LOWER(?)";
        return switch (f.op().positive()) {
            case IS -> subject.then(" IN (" + String.join(", ", Collections.nCopies(f.values().size(), param)) + ")")
                    .then(new Sql("", List.copyOf(f.values())));
            case CONTAINS -> any(f.values(), v -> Sql.of("LOCATE(" + param + ", ", v).then(subject).then(") > 0"));
            case MATCHES -> any(f.values(), v -> value.then(" REGEXP ?").then(Sql.of("", cs ? v : "(?i)" + v)));
            default -> throw new IllegalArgumentException("not a positive operator: " + f.op());
        };
    }

    private static Sql any(List<String> values, java.util.function.Function<String, Sql> one) {
        Sql sql = Sql.of("(");
        for (int i = 0; i < values.size(); i++) {
            sql = sql.then(i == 0 ? "" : " OR ").then(one.apply(values.get(i)));
        }
        return sql.then(")");
    }
}
