package dev.footfall.model.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A funnel as {@code /api/v1/sites/{domain}/funnels} shows and accepts it:
 * {@code {"name": "Checkout", "steps": [3, 5, 7]}}, the steps being goal ids in the order a
 * visitor reaches them. The server validates (2 to 8 distinct goals of the site); in a
 * {@code PATCH} body, absent fields keep their value.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FunnelInfo(
        @JsonProperty("id") Integer id,
        @JsonProperty("name") String name,
        @JsonProperty("steps") List<Integer> steps) {
}
