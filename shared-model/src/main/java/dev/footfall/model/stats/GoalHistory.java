package dev.footfall.model.stats;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How far the server has filled a goal's history into its goal facts
 * ({@code GET /api/v1/sites/{domain}/goals/history}): {@code days_filled} of {@code days} (the
 * site-local days from its first to its last event when the goal was created or changed), and
 * {@code filled} once all are. Reports are right either way: days not filled yet are read from raw
 * rows, only slower.
 */
public record GoalHistory(
        @JsonProperty("goal_id") int goalId,
        @JsonProperty("display_name") String displayName,
        @JsonProperty("days") int days,
        @JsonProperty("days_filled") int daysFilled,
        @JsonProperty("filled") boolean filled) {
}
