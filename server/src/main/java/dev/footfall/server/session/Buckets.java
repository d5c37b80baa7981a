package dev.footfall.server.session;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Site-local time buckets. An hour bucket counts hours since 1970-01-01T00:00 in the site's
 * local time, so days (and half-hour-offset zones such as Asia/Kolkata) align with whole
 * buckets; in the autumn DST change the repeated local hour shares one bucket.
 */
public final class Buckets {
    private Buckets() {
    }

    public static int hour(long epochMs, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMs), zone);
        return (int) Math.floorDiv(local.toEpochSecond(ZoneOffset.UTC), 3600);
    }

    public static int dayOfHour(int hour) {
        return Math.floorDiv(hour, 24);
    }

    public static int day(long epochMs, ZoneId zone) {
        return dayOfHour(hour(epochMs, zone));
    }
}
