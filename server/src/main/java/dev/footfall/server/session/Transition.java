package dev.footfall.server.session;

import dev.footfall.server.event.Hit;
import dev.footfall.server.lookup.HitIds;

/**
 * What one hit did to its visit: the visit before it ({@code null} when the hit opened a visit)
 * and after it. This is what the rollup booking reads: it removes {@code before}'s contribution
 * and adds {@code after}'s.
 *
 * @param visitorId the visitor the visit belongs to: the hit's current id, or its previous-day id
 *                  when the hit continued a visit over midnight
 */
public record Transition(Hit hit, HitIds ids, long visitorId, VisitState before, VisitState after) {
}
