package dev.footfall.server.ingest;

import dev.footfall.server.enrich.ClientIpResolver;
import dev.footfall.server.enrich.CountryResolver;
import dev.footfall.server.enrich.ReferrerClassifier;
import dev.footfall.server.enrich.UserAgentParser;
import dev.footfall.server.session.VisitorHasher;

/** The enrichment steps an ingested event goes through, built once by {@code Footfall}. */
public record Enrichment(
        UserAgentParser userAgents,
        ReferrerClassifier referrers,
        CountryResolver countries,
        ClientIpResolver clientIps,
        VisitorHasher visitors) {
}
