package dev.footfall.server.archfixture.event;

import dev.footfall.server.archfixture.ingest.FixtureIngest;

/** Test fixture for {@code ArchitectureTest}: the event package importing a stage, as {@code Hit} once did. */
public record FixtureEvent(FixtureIngest source) {
}
