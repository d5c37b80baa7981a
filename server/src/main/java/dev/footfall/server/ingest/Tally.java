package dev.footfall.server.ingest;

import dev.footfall.server.event.Outcome;
import dev.footfall.server.metrics.FootfallMetrics;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What became of a list of events, counted once for the metrics and the answer: how many were
 * stored, and how many were dropped for each reason.
 */
public record Tally(int accepted, Map<String, Integer> dropped) {

    public Tally {
        dropped = Map.copyOf(dropped);
    }

    public static Tally of(List<Outcome> outcomes) {
        int accepted = 0;
        Map<String, Integer> dropped = new TreeMap<>();
        for (Outcome outcome : outcomes) {
            switch (outcome) {
                case Outcome.Accepted a -> accepted++;
                case Outcome.Ignored ignored -> dropped.merge(ignored.reason(), 1, Integer::sum);
            }
        }
        return new Tally(accepted, dropped);
    }

    /** Counts the outcomes in {@code /metrics}. */
    public Tally reportTo(FootfallMetrics metrics) {
        if (accepted > 0) {
            metrics.accepted(accepted);
        }
        dropped.forEach(metrics::dropped);
        return this;
    }
}
