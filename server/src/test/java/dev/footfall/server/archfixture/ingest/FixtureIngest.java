package dev.footfall.server.archfixture.ingest;

import dev.footfall.server.archfixture.event.FixtureEvent;

/** Test fixture for {@code ArchitectureTest}: the stage importing the event, closing the cycle. */
public final class FixtureIngest {
    public FixtureEvent event() {
        return new FixtureEvent(this);
    }
}
