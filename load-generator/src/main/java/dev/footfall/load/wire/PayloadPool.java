package dev.footfall.load.wire;

import dev.footfall.traffic.Population;
import dev.footfall.traffic.Step;
import dev.footfall.traffic.VisitGenerator;
import dev.footfall.traffic.Visitor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Requests planned ahead for the closed-loop benchmark: whole visits of the simulated
 * population flattened into one list, so a benchmark connection spends its time posting, not
 * planning. The mix of pageviews, custom and engagement events is the simulator's.
 */
public final class PayloadPool {
    private PayloadPool() {
    }

    public static List<WireRequest> create(Population population, WireFormat format, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        VisitGenerator visits = new VisitGenerator(random);
        Wire wire = new Wire();
        List<WireRequest> pool = new ArrayList<>(size);
        List<Visitor> visitors = population.visitors();
        while (pool.size() < size) {
            Visitor visitor = visitors.get(random.nextInt(visitors.size()));
            for (Step step : visits.visit(visitor, population.siteFor(visitor, random))) {
                wire.request(step, format, null).ifPresent(pool::add);
                if (pool.size() == size) {
                    break;
                }
            }
        }
        return List.copyOf(pool);
    }
}
