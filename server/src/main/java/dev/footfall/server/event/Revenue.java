package dev.footfall.server.event;

import java.math.BigDecimal;

/**
 * The revenue a custom event carried: an amount in an ISO 4217 currency (upper case), or
 * {@link #NONE}.
 */
public record Revenue(BigDecimal amount, String currency) {
    /** No revenue: both parts null, as {@code events.revenue_amount}/{@code revenue_currency} store it. */
    public static final Revenue NONE = new Revenue(null, null);
}
