package dev.footfall.server.query;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * SQL that turns an epoch-ms column into site-local epoch milliseconds, so raw rows can be
 * grouped into the same site-local hour and day buckets as the rollups ({@code session.Buckets})
 * without the database's time zone tables (which MySQL installs empty by default). The offset is
 * a {@code CASE} over the zone's transitions inside the queried range: none for most zones, two
 * a year for DST zones, any fraction of an hour for zones like Asia/Kolkata.
 */
final class LocalClock {
    private LocalClock() {
    }

    /** {@code (column + offset)} as valid SQL for rows whose {@code column} lies in [fromMs, toMs). */
    static String localMs(String column, ZoneId zone, long fromMs, long toMs) {
        ZoneRules rules = zone.getRules();
        Instant at = Instant.ofEpochMilli(fromMs);
        long offsetMs = rules.getOffset(at).getTotalSeconds() * 1000L;
        StringBuilder cases = new StringBuilder();
        ZoneOffsetTransition next = rules.nextTransition(at);
        while (next != null && next.getInstant().toEpochMilli() < toMs) {
            cases.append(" WHEN ").append(column).append(" < ").append(next.getInstant().toEpochMilli())
                    .append(" THEN ").append(offsetMs);
            offsetMs = next.getOffsetAfter().getTotalSeconds() * 1000L;
            next = rules.nextTransition(next.getInstant());
        }
        if (cases.isEmpty()) {
            return "(" + column + " + " + offsetMs + ")";
        }
        return "(" + column + " + CASE" + cases + " ELSE " + offsetMs + " END)";
    }

    /** Bucket number (site-local hour or day since the epoch) of {@code column}. */
    static String bucket(String column, ZoneId zone, long fromMs, long toMs, Cell.Grain grain) {
        return "FLOOR(" + localMs(column, zone, fromMs, toMs) + " / " + grain.unitMs + ")";
    }
}
