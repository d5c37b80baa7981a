package dev.footfall.console.api;

/**
 * One row of the goal breakdown: unique and total conversions, the conversion rate in percent and
 * the revenue as shown ("120.50 EUR"; "several currencies" when the server warns; empty when none).
 */
public record GoalRow(String goal, long visitors, long events, double conversionRate, String revenue) {
}
