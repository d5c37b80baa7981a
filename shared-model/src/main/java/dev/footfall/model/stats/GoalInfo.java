package dev.footfall.model.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A goal as {@code /api/v1/sites/{domain}/goals} shows and accepts it, named as in Plausible's
 * goals API: {@code {"goal_type": "page", "page_path": "/pricing"}},
 * {@code {"goal_type": "event", "event_name": "Signup", "custom_props": {"plan": "pro"}}} or
 * {@code {"goal_type": "scroll", "page_path": "/blog/**", "scroll_threshold": 75}}. The server
 * validates; in a {@code PATCH} body, absent fields keep their value.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GoalInfo(
        @JsonProperty("id") Integer id,
        @JsonProperty("goal_type") String goalType,
        @JsonProperty("display_name") String displayName,
        @JsonProperty("page_path") String pagePath,
        @JsonProperty("event_name") String eventName,
        @JsonProperty("custom_props") Map<String, String> customProps,
        @JsonProperty("scroll_threshold") Integer scrollThreshold) {
}
