package dev.footfall.server.event;

import java.util.Objects;

/**
 * Where a visit came from. {@code name} is the source dimension: a known source's display name
 * ("Google", "Facebook", "Hacker News"), the referrer's host without {@code www.} for unknown
 * sites (as Plausible shows them), the campaign's {@code utm_source}, or {@value #DIRECT}.
 * {@code referrer} is the normalised referrer ({@code host/path}, no scheme, query or fragment)
 * for the referrer drill-down, or "" when there is none or it was the site itself.
 * {@code channel} is the visit's acquisition channel, derived from all of it with the campaign
 * parameters and click ids.
 */
public record Source(String name, String referrer, Channel channel) {

    /** The source name of visits without a (foreign) referrer or campaign. */
    public static final String DIRECT = "Direct / None";
    /** A visit with no referrer and no campaign. */
    public static final Source NONE = new Source(DIRECT, "", Channel.DIRECT);

    public Source {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(referrer, "referrer");
        Objects.requireNonNull(channel, "channel");
        if (name.isBlank()) {
            throw new IllegalArgumentException("source name is blank");
        }
    }

    /** True for {@value #DIRECT}. */
    public boolean direct() {
        return DIRECT.equals(name);
    }
}
