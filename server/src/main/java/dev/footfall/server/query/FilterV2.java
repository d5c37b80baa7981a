package dev.footfall.server.query;

import dev.footfall.model.stats.Property;
import dev.footfall.model.stats.PropertyKind;
import java.util.List;
import java.util.function.Predicate;

/**
 * A filter of a Stats API v2 query: a condition on one dimension ({@link Is}) or a logical
 * combination. A condition matches when any of its values does ({@code is}, {@code contains},
 * {@code matches}) or when none does (the {@code _not} operators); as in v1, a condition on a
 * custom property never matches an event without that property, whatever its operator, while
 * {@code not} negates whatever it wraps. The behavioural {@link HasDone} is a condition on the
 * visit: it holds when one of the visit's pageviews or custom events meets the filter it wraps.
 */
public sealed interface FilterV2 {
    /** The condition operators, with their wire names; {@code negated} ones match when no value does. */
    enum Op {
        IS("is", false), IS_NOT("is_not", true), CONTAINS("contains", false), CONTAINS_NOT("contains_not", true),
        MATCHES("matches", false), MATCHES_NOT("matches_not", true);

        final String wireName;
        final boolean negated;

        Op(String wireName, boolean negated) {
            this.wireName = wireName;
            this.negated = negated;
        }

        /** The operator's positive form: {@code is} for {@code is_not}, and so on. */
        Op positive() {
            return switch (this) {
                case IS, IS_NOT -> IS;
                case CONTAINS, CONTAINS_NOT -> CONTAINS;
                case MATCHES, MATCHES_NOT -> MATCHES;
            };
        }
    }

    record Is(Op op, Property property, List<String> values, boolean caseSensitive) implements FilterV2 {
        public Is {
            values = List.copyOf(values);
        }
    }

    record And(List<FilterV2> all) implements FilterV2 {
        public And {
            all = List.copyOf(all);
        }
    }

    record Or(List<FilterV2> any) implements FilterV2 {
        public Or {
            any = List.copyOf(any);
        }
    }

    record Not(FilterV2 negated) implements FilterV2 {
    }

    /** {@code has_done} ({@code negated} false) or {@code has_not_done}: whether the visit has an event meeting {@code done}. */
    record HasDone(FilterV2 done, boolean negated) implements FilterV2 {
    }

    /** True when a condition anywhere in this filter satisfies {@code test}; those inside a behavioural filter are the visit's, not the event's, so they are not looked at. */
    default boolean anyCondition(Predicate<Is> test) {
        return switch (this) {
            case Is is -> test.test(is);
            case And and -> and.all().stream().anyMatch(f -> f.anyCondition(test));
            case Or or -> or.any().stream().anyMatch(f -> f.anyCondition(test));
            case Not not -> not.negated().anyCondition(test);
            case HasDone done -> false;
        };
    }

    /** True when a condition anywhere in this filter is on a dimension of {@code kind}. */
    default boolean mentions(PropertyKind kind) {
        return anyCondition(is -> is.property().kind() == kind);
    }
}
