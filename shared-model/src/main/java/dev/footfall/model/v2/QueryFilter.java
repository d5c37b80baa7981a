package dev.footfall.model.v2;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.footfall.model.InvalidFieldException;
import dev.footfall.model.stats.Filter;
import dev.footfall.model.stats.Property;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A filter of a Stats API v2 query in Plausible's JSON form: a condition
 * {@code ["contains", "event:page", ["/blog"], {"case_sensitive": false}]}, or {@code and}, {@code or},
 * {@code not}, {@code has_done} and {@code has_not_done} around others. A condition holds when any of
 * its values matches ({@code is}, {@code contains}, {@code matches}) or when none does (the
 * {@code _not} operators). {@link #parse} reads the JSON with the messages Plausible gives
 * ({@code #/filters/0/1: Invalid filter dimension "visit:colour"}); each record writes itself back
 * ({@code @JsonValue}), so a filter survives a round trip unchanged.
 *
 * <p>{@link Condition#of(Filter)} and {@link Condition#toV1()} translate from and to v1's
 * {@code filters} conditions, which are {@code is}, {@code is_not} and {@code contains}, case-sensitive.
 */
@JsonDeserialize(using = QueryFilter.Reader.class)
public sealed interface QueryFilter {
    /** The condition operators with their wire names; {@code negated} ones hold when no value matches. */
    enum Op {
        IS("is", false), IS_NOT("is_not", true), CONTAINS("contains", false), CONTAINS_NOT("contains_not", true),
        MATCHES("matches", false), MATCHES_NOT("matches_not", true);

        private final String wireName;
        private final boolean negated;

        Op(String wireName, boolean negated) {
            this.wireName = wireName;
            this.negated = negated;
        }

        public String wireName() {
            return wireName;
        }

        public boolean negated() {
            return negated;
        }

        public static Optional<Op> named(String text) {
            for (Op op : values()) {
                if (op.wireName.equals(text)) {
                    return Optional.of(op);
                }
            }
            return Optional.empty();
        }
    }

    /** One condition on a dimension; {@code caseSensitive} is true unless the query says otherwise, as in Plausible. */
    record Condition(Op op, Property dimension, List<String> values, boolean caseSensitive) implements QueryFilter {
        public Condition {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new InvalidFieldException("filters", "a condition on " + dimension.v2Name() + " needs a value");
            }
        }

        public static Condition of(Op op, Property dimension, String value) {
            return new Condition(op, dimension, List.of(value), true);
        }

        /** v1's {@code ==}, {@code !=} and {@code ~} are v2's case-sensitive {@code is}, {@code is_not} and {@code contains}. */
        public static Condition of(Filter v1) {
            Op op = switch (v1.op()) {
                case EQ -> Op.IS;
                case NEQ -> Op.IS_NOT;
                case CONTAINS -> Op.CONTAINS;
            };
            return new Condition(op, v1.property(), v1.values(), true);
        }

        /** The same condition as a v1 filter, when v1 has one (case-sensitive, and no {@code ;} or {@code |} in a value). */
        public Optional<Filter> toV1() {
            Optional<Filter.Op> v1 = switch (op) {
                case IS -> Optional.of(Filter.Op.EQ);
                case IS_NOT -> Optional.of(Filter.Op.NEQ);
                case CONTAINS -> Optional.of(Filter.Op.CONTAINS);
                default -> Optional.empty();
            };
            return v1.filter(x -> caseSensitive).map(o -> new Filter(dimension, o, values)).filter(Filter::hasWireForm);
        }

        @JsonValue
        List<Object> json() {
            List<Object> json = new ArrayList<>(List.of(op.wireName(), dimension.v2Name(), values));
            if (!caseSensitive) {
                json.add(Map.of("case_sensitive", false));
            }
            return json;
        }
    }

    record And(List<QueryFilter> all) implements QueryFilter {
        public And {
            all = List.copyOf(all);
        }

        @JsonValue
        List<Object> json() {
            return List.of("and", all);
        }
    }

    record Or(List<QueryFilter> any) implements QueryFilter {
        public Or {
            any = List.copyOf(any);
        }

        @JsonValue
        List<Object> json() {
            return List.of("or", any);
        }
    }

    record Not(QueryFilter negated) implements QueryFilter {
        @JsonValue
        List<Object> json() {
            return List.of("not", negated);
        }
    }

    /** {@code has_done} ({@code negated} false) or {@code has_not_done}: whether the visit has an event meeting {@code done}. */
    record HasDone(QueryFilter done, boolean negated) implements QueryFilter {
        @JsonValue
        List<Object> json() {
            return List.of(negated ? "has_not_done" : "has_done", done);
        }
    }

    /** Reads one filter; {@code path} ({@code #/filters/0}) says where it is in the query, for the message. */
    static QueryFilter parse(JsonNode node, String path) {
        if (node == null || !node.isArray() || node.isEmpty() || !node.get(0).isTextual()) {
            throw new InvalidFieldException("filters", path + ": Invalid filter " + node);
        }
        String op = node.get(0).asText();
        return switch (op) {
            case "and", "or" -> {
                if (node.size() != 2 || !node.get(1).isArray() || node.get(1).isEmpty()) {
                    throw new InvalidFieldException("filters", path + ": Invalid filter " + node + ": `" + op + "` takes a non-empty list of filters");
                }
                List<QueryFilter> parts = new ArrayList<>();
                for (int i = 0; i < node.get(1).size(); i++) {
                    parts.add(parse(node.get(1).get(i), path + "/1/" + i));
                }
                yield op.equals("and") ? new And(parts) : new Or(parts);
            }
            case "not", "has_done", "has_not_done" -> {
                if (node.size() != 2) {
                    throw new InvalidFieldException("filters", path + ": Invalid filter " + node + ": `" + op + "` takes one filter");
                }
                QueryFilter inner = parse(node.get(1), path + "/1");
                yield op.equals("not") ? new Not(inner) : new HasDone(inner, op.equals("has_not_done"));
            }
            default -> condition(node, path);
        };
    }

    /** Reads a list of filters ({@code #/filters}); a missing one is an empty list. */
    static List<QueryFilter> parseAll(JsonNode node, String path) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidFieldException("filters", path + ": Expected an array");
        }
        List<QueryFilter> filters = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            filters.add(parse(node.get(i), path + "/" + i));
        }
        return filters;
    }

    /** The values of the condition array {@code node} ({@code [op, dimension, [values], modifiers?]}) at {@code path}; 400 naming {@code filters}. */
    public static List<String> values(JsonNode node, String path) {
        JsonNode clauses = node.get(2);
        if (!clauses.isArray() || clauses.isEmpty()) {
            throw new InvalidFieldException("filters", path + "/2: Expected a non-empty list of values");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < clauses.size(); i++) {
            JsonNode v = clauses.get(i);
            if (!v.isTextual() && !v.isNumber()) {
                throw new InvalidFieldException("filters", path + "/2/" + i + ": Expected a string, got " + v);
            }
            values.add(v.asText());
        }
        return values;
    }

    /** The condition array's {@code case_sensitive} modifier, true when it has none; 400 naming {@code filters}. */
    public static boolean caseSensitive(JsonNode node, String path) {
        if (node.size() != 4) {
            return true;
        }
        JsonNode modifiers = node.get(3);
        JsonNode cs = modifiers.path("case_sensitive");
        if (!modifiers.isObject() || modifiers.size() != 1 || !cs.isBoolean()) {
            throw new InvalidFieldException("filters", path + "/3: Invalid filter modifiers " + modifiers + ": expected {\"case_sensitive\": false}");
        }
        return cs.asBoolean();
    }

    private static Condition condition(JsonNode node, String path) {
        Op op = Op.named(node.get(0).asText()).orElseThrow(() ->
                new InvalidFieldException("filters", path + "/0: Invalid filter operator " + node.get(0)));
        if (node.size() < 3 || node.size() > 4) {
            throw new InvalidFieldException("filters", path + ": Invalid filter " + node + ": expected [operator, dimension, [values]] and optional modifiers");
        }
        if (!node.get(1).isTextual()) {
            throw new InvalidFieldException("filters", path + "/1: Invalid filter dimension " + node.get(1));
        }
        Property dimension;
        try {
            dimension = Property.parseV2(node.get(1).asText(), "filters");
        } catch (InvalidFieldException e) {
            throw new InvalidFieldException("filters", path + "/1: Invalid filter dimension " + node.get(1));
        }
        List<String> values = values(node, path);
        boolean caseSensitive = caseSensitive(node, path);
        return new Condition(op, dimension, values, caseSensitive);
    }

    /** Jackson's way in: {@link #parse} on the filter's JSON. */
    final class Reader extends StdDeserializer<QueryFilter> {
        public Reader() {
            super(QueryFilter.class);
        }

        @Override
        public QueryFilter deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return parse(ctxt.readTree(p), "#/filters");
        }
    }
}
