package dev.footfall.server.goal;

import dev.footfall.model.InvalidFieldException;
import java.util.HashSet;
import java.util.List;

/**
 * A site's funnel: 2 to 8 distinct goals (by id) that a visitor reaches in this order within one
 * visit (README, "Funnels"). The compact constructor validates the shape and throws
 * {@link InvalidFieldException} naming the API field; that the goals exist on the site is
 * checked against the site's goals by the route.
 *
 * @param id 0 until stored
 */
public record Funnel(int id, int siteId, String name, List<Integer> goalIds) {
    public static final int MIN_STEPS = 2;
    public static final int MAX_STEPS = 8;

    public Funnel {
        if (name == null || name.isBlank()) {
            throw new InvalidFieldException("name", "name is required");
        }
        name = name.strip();
        if (name.length() > Goal.MAX_NAME_CHARS) {
            throw new InvalidFieldException("name", "name is longer than " + Goal.MAX_NAME_CHARS + " characters");
        }
        if (goalIds == null || goalIds.size() < MIN_STEPS || goalIds.size() > MAX_STEPS) {
            throw new InvalidFieldException("steps", "a funnel has " + MIN_STEPS + " to " + MAX_STEPS + " steps, each a goal id");
        }
        if (goalIds.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidFieldException("steps", "every step is a goal id");
        }
        if (new HashSet<>(goalIds).size() != goalIds.size()) {
            throw new InvalidFieldException("steps", "a goal can be one step of a funnel only: goal ids repeat in " + goalIds);
        }
        goalIds = List.copyOf(goalIds);
    }

    public Funnel withId(int newId) {
        return new Funnel(newId, siteId, name, goalIds);
    }
}
