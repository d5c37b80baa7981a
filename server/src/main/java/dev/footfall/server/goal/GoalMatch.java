package dev.footfall.server.goal;

import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Whether one event converts a goal, in Java: what the writer and the history fill book goal
 * facts by ({@code rollup.GoalFacts}, {@code rollup.GoalFill}). The raw-row reports say the same
 * in SQL ({@code query.Conversions.condition}); the brute-force test checks both against the
 * definitions. Kinds are the {@code events.kind} codes: 1 a pageview, 2 a custom event, 3 an
 * engagement report.
 */
public final class GoalMatch {
    private GoalMatch() {
    }

    /**
     * @param path        the event's page path
     * @param name        the custom event's name (null for other kinds)
     * @param props       the event's custom properties
     * @param scrollDepth the engagement report's scroll depth in percent, or null
     */
    public static boolean converts(Goal goal, int kind, String path, String name, Map<String, String> props, Integer scrollDepth) {
        return converts(goal, kind, () -> path != null && goal.page().orElseThrow().matches(path), name, props, scrollDepth);
    }

    /** The same, with the page pattern's verdict on the event's path asked of {@code pageMatches} (only when it decides). */
    public static boolean converts(Goal goal, int kind, BooleanSupplier pageMatches, String name, Map<String, String> props,
                                   Integer scrollDepth) {
        return switch (goal.kind()) {
            case PAGE -> kind == 1 && pageMatches.getAsBoolean();
            case SCROLL -> kind == 3 && scrollDepth != null && scrollDepth >= goal.scrollThreshold() && pageMatches.getAsBoolean();
            case EVENT -> kind == 2 && goal.eventName().orElseThrow().equals(name) && propsMatch(goal, props);
        };
    }

    private static boolean propsMatch(Goal goal, Map<String, String> props) {
        for (Map.Entry<String, String> p : goal.props().entrySet()) {
            if (!p.getValue().equals(props.get(p.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
