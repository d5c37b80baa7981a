package dev.footfall.server.query;

import dev.footfall.server.query.QueryV2.DateSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * A v2 {@code date_range} resolved in the site's zone: the site-local days it touches, its exact
 * bounds [fromMs, toMs) and the two ISO8601 date-times the answer's {@code query} echoes (the end
 * inclusive to the second, as Plausible shows it). Named ranges follow Plausible's v2 docs: {@code
 * 7d}, {@code 28d}, {@code 30d} and {@code 91d} are the days before today; {@code month}, {@code 6mo},
 * {@code 12mo} and {@code year} are whole calendar months ending with the current one (the year: the
 * current calendar year); {@code all} starts on the site's first event's day. {@code wholeDays} is
 * false for date-time ranges and {@code 24h}: only raw rows answer those to the millisecond.
 */
record DateWindow(DateRange days, long fromMs, long toMs, boolean wholeDays, List<String> echo) {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    static DateWindow of(DateSpec spec, ZoneId zone, Instant now, Connection c, int siteId) throws SQLException {
        LocalDate today = LocalDate.ofInstant(now, zone);
        return switch (spec) {
            case DateSpec.Dates d -> days(new DateRange(d.from(), d.to()), zone);
            case DateSpec.Instants t -> instants(t.from().toInstant(), t.to().toInstant(), zone);
            case DateSpec.Named n -> switch (n.name()) {
                case "day" -> days(new DateRange(today, today), zone);
                case "24h" -> instants(now.minus(1, ChronoUnit.DAYS), now, zone);
                case "7d" -> before(today, 7, zone);
                case "28d" -> before(today, 28, zone);
                case "30d" -> before(today, 30, zone);
                case "91d" -> before(today, 91, zone);
                case "month" -> months(today, 1, zone);
                case "6mo" -> months(today, 6, zone);
                case "12mo" -> months(today, 12, zone);
                case "year" -> days(new DateRange(today.withDayOfYear(1), today.with(TemporalAdjusters.lastDayOfYear())), zone);
                case "all" -> days(new DateRange(firstDay(c, siteId, zone).orElse(today), today), zone);
                default -> throw new IllegalArgumentException("unknown named range " + n.name());
            };
        };
    }

    private static DateWindow before(LocalDate today, int n, ZoneId zone) {
        return days(new DateRange(today.minusDays(n), today.minusDays(1)), zone);
    }

    private static DateWindow months(LocalDate today, int n, ZoneId zone) {
        return days(new DateRange(today.withDayOfMonth(1).minusMonths(n - 1L), today.with(TemporalAdjusters.lastDayOfMonth())), zone);
    }

    private static DateWindow days(DateRange range, ZoneId zone) {
        long from = range.startMs(zone);
        long to = range.endMs(zone);
        return new DateWindow(range, from, to, true, List.of(format(from, zone), format(to - 1000, zone)));
    }

    /** Both instants inclusive to the second: the end's whole second is in the window. */
    private static DateWindow instants(Instant from, Instant to, ZoneId zone) {
        long fromMs = from.toEpochMilli();
        long toMs = to.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).toEpochMilli();
        DateRange days = new DateRange(LocalDate.ofInstant(from, zone), LocalDate.ofInstant(Instant.ofEpochMilli(toMs - 1), zone));
        return new DateWindow(days, fromMs, toMs, false, List.of(format(fromMs, zone), format(toMs - 1000, zone)));
    }

    private static String format(long ms, ZoneId zone) {
        return Instant.ofEpochMilli(ms).atZone(zone).format(ISO);
    }

    /** The site-local day of the site's first event (one probe of the {@code (site_id, ts)} index). */
    private static java.util.Optional<LocalDate> firstDay(Connection c, int siteId, ZoneId zone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(ts) FROM events WHERE site_id = ? /* DateWindow.firstDay */")) {
            ps.setInt(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long ms = rs.getLong(1);
                return rs.wasNull() ? java.util.Optional.empty() : java.util.Optional.of(LocalDate.ofInstant(Instant.ofEpochMilli(ms), zone));
            }
        }
    }
}
