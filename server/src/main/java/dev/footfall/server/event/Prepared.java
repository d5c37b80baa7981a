package dev.footfall.server.event;

import java.util.List;

/** What enrichment made of one payload: hits to store, or the reason it is ignored. */
public sealed interface Prepared permits Prepared.Hits, Outcome.Ignored {
    record Hits(List<Hit> hits) implements Prepared {
        public Hits {
            hits = List.copyOf(hits);
        }
    }
}
