package dev.footfall.console.api;

/** One timeseries bucket: its label as the API sends it ("2026-11-05", "2026-11-05 13:00:00"). */
public record TimePoint(String date, long visitors, long pageviews) {
}
