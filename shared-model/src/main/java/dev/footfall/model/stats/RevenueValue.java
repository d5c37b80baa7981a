package dev.footfall.model.stats;

import java.math.BigDecimal;

/** A revenue metric's value: an amount with two decimals in one ISO 4217 currency, as Plausible shows {@code total_revenue}. */
public record RevenueValue(BigDecimal value, String currency) {
}
