package dev.footfall.model.stats;

import dev.footfall.model.InvalidFieldException;
import java.util.ArrayList;
import java.util.List;

/**
 * One condition of the {@code filters} parameter: {@code property==a|b} (any of the values),
 * {@code property!=a|b} (none of them) or {@code property~text} (contains any of them).
 * Conditions are joined with {@code ;} and all must hold.
 */
public record Filter(Property property, Op op, List<String> values) {
    public enum Op {
        EQ("=="), NEQ("!="), CONTAINS("~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    public Filter {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new InvalidFieldException("filters", "filter on " + property.wireName() + " has no value");
        }
    }

    /** One value: {@code property==value}, {@code !=} or {@code ~}. */
    public static Filter of(Property property, Op op, String value) {
        return new Filter(property, op, List.of(value));
    }

    /**
     * The {@code filters} parameter's form of this condition ({@code visit:browser!=Chrome|Safari}),
     * which {@link #parseAll} reads back. The parameter has no escape: a value holding {@code ;} or
     * {@code |} has no v1 form ({@link #hasWireForm}), and Stats API v2 carries it instead.
     */
    public String wireForm() {
        return property.wireName() + op.symbol() + String.join("|", values);
    }

    /** False when a value holds {@code ;} or {@code |}, which the v1 parameter cannot carry. */
    public boolean hasWireForm() {
        return values.stream().noneMatch(v -> v.contains(";") || v.contains("|"));
    }

    /** True for a single {@code ==} value: the one filter shape a rollup row can answer. */
    public boolean singleEquals() {
        return op == Op.EQ && values.size() == 1;
    }

    /** Parses {@code a==x|y;b!=z;c~w}; empty or null gives no filters. */
    public static List<Filter> parseAll(String text) {
        List<Filter> filters = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return filters;
        }
        for (String part : text.split(";")) {
            if (!part.isBlank()) {
                filters.add(parse(part.strip()));
            }
        }
        return List.copyOf(filters);
    }

    static Filter parse(String text) {
        int at = -1;
        Op op = null;
        for (Op candidate : Op.values()) {
            int i = text.indexOf(candidate.symbol());
            if (i > 0 && (at < 0 || i < at)) {
                at = i;
                op = candidate;
            }
        }
        if (op == null) {
            throw new InvalidFieldException("filters", "malformed filter '" + text + "': expected property==value, != or ~");
        }
        Property property = Property.parse(text.substring(0, at), "filters");
        String rest = text.substring(at + op.symbol().length());
        List<String> values = new ArrayList<>();
        for (String v : rest.split("\\|", -1)) {
            if (v.isEmpty() && op == Op.CONTAINS) {
                throw new InvalidFieldException("filters", "malformed filter '" + text + "': empty value");
            }
            values.add(v);
        }
        if (rest.isEmpty() && op != Op.EQ && op != Op.NEQ) {
            throw new InvalidFieldException("filters", "malformed filter '" + text + "': no value");
        }
        return new Filter(property, op, values);
    }
}
