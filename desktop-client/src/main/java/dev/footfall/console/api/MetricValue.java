package dev.footfall.console.api;

/** An aggregate metric and its change in percent against the previous period ({@code null}: none). */
public record MetricValue(double value, Double change) {
}
