package dev.footfall.traffic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.model.EventPayload;
import dev.footfall.model.ImportEvent;
import dev.footfall.model.WireJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Historical traffic for {@code simulate --backfill} and the server's demo data: the simulator's
 * visits (same population, devices, referrers, pages, goals and engagement as live simulation),
 * laid out over past days with a daily curve in each visitor's own time zone, a weekly rhythm and
 * slow growth, as {@link ImportEvent} lines of the server's import format (each one validated as
 * it is built). Lines come out in time order (so each visitor's events are in order), in chunks of
 * about {@code chunkLines}; a day's events run into the next day only as the next day's first
 * chunk. The day's volume is set so the whole history holds about {@code targetEvents} events.
 */
public final class History {
    private static final long DAY_MS = 86_400_000L;
    private static final long HOUR_MS = 3_600_000L;
    private static final double[] WEEKDAY = {1.0, 1.04, 1.0, 0.97, 0.93, 0.82, 0.76};
    private static final double[] HOURS = {1.2, 0.8, 0.5, 0.4, 0.4, 0.6, 1.4, 2.6, 4.0, 5.2, 6.0, 6.2, 5.8, 5.9, 6.0, 5.7, 5.3, 4.8,
            4.9, 5.4, 5.6, 4.9, 3.4, 2.1};

    private final Population population;
    private final SplittableRandom random;
    private final VisitGenerator visits;
    private final ObjectMapper json = WireJson.mapper();
    /** The visitors' time zones by name, filled as they are first met. */
    private final Map<String, ZoneId> zones = new HashMap<>();

    /** One NDJSON line and its time. */
    private record Line(long ts, String json) {
    }

    /** A chunk of NDJSON lines, ready to post, and the day it belongs to (0 = oldest). */
    public record Chunk(byte[] ndjson, int lines, int day) {
    }

    public History(Population population, long seed) {
        this.population = population;
        this.random = new SplittableRandom(seed);
        this.visits = new VisitGenerator(random.split());
    }

    /** Visitors for a history of {@code targetEvents} over {@code days}: about one per two events a day, so most return. */
    public static int visitorCount(long targetEvents, int days) {
        return (int) Math.max(1, Math.min(2_000_000, targetEvents / Math.max(1, days) / 2));
    }

    /** Generates {@code days} days ending with today (UTC, up to {@code nowMs}) and hands over chunks in time order. */
    public void generate(int days, long targetEvents, long nowMs, int chunkLines, Consumer<Chunk> sink) {
        LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(nowMs), ZoneOffset.UTC);
        double[] weight = new double[days];
        double total = 0;
        long todayStart = today.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        for (int d = 0; d < days; d++) {
            LocalDate day = today.minusDays(days - 1 - d);
            weight[d] = WEEKDAY[day.getDayOfWeek().getValue() - 1] * (0.8 + 0.4 * d / days);
            if (d == days - 1) {
                // Today only up to now: its share of the events is the share of its hours gone by,
                // so just after midnight the events asked for still all lie in the past days.
                weight[d] *= Math.clamp((nowMs - todayStart) / (double) DAY_MS, 0.0, 1.0);
            }
            total += weight[d];
        }
        List<Line> carried = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            long dayStart = today.minusDays(days - 1 - d).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            long dayEnd = dayStart + DAY_MS;
            List<Line> lines = new ArrayList<>(carried);
            carried.clear();
            long target = Math.round(targetEvents * weight[d] / total);
            int generated = 0;
            // Visits drawn after now add nothing; the bound stops a day whose hours are nearly all ahead.
            for (long attempts = 0; generated < target && attempts < 20 * target + 20; attempts++) {
                generated += visit(dayStart, nowMs, lines);
            }
            lines.sort(Comparator.comparingLong(Line::ts));
            List<Line> today0 = new ArrayList<>();
            for (Line line : lines) {
                (line.ts() < dayEnd ? today0 : carried).add(line);
            }
            emit(today0, d, chunkLines, sink);
        }
        carried.sort(Comparator.comparingLong(Line::ts));
        emit(carried, days - 1, chunkLines, sink);
    }

    /**
     * One visit on the UTC day starting at {@code dayStartMs}, at an hour of the visitor's own day;
     * returns the number of events it added (those before now; none for a visit that would start after now).
     */
    private int visit(long dayStartMs, long nowMs, List<Line> out) {
        Visitor visitor = population.visitors().get(random.nextInt(population.visitors().size()));
        Site site = population.siteFor(visitor, random);
        long localMs = hourOfDay() * HOUR_MS + random.nextLong(HOUR_MS);
        long ts = dayStartMs + Math.floorMod(localMs - offsetMs(visitor, dayStartMs), DAY_MS);
        int added = 0;
        for (Step step : visits.visit(visitor, site)) {
            ts += step.thinkMs();
            if (ts >= nowMs) {
                break;
            }
            out.add(new Line(ts, line(step, ts)));
            added++;
        }
        return added;
    }

    /** The step as an import line: what the live route takes from the request (time, visitor, user agent) spelled out. */
    private String line(Step step, long ts) {
        EventPayload e = step.event();
        Visitor v = step.visitor();
        ImportEvent line = new ImportEvent(e.domain(), ts, e.name(), e.url(), e.referrer(), e.props().isEmpty() ? null : e.props(),
                e.hash(), e.interactive(), e.revenue(), v.id(), v.userAgent(), null, null, null, null, null, e.screenWidth(), null,
                v.place().region(), v.place().regionName(), v.place().geonameId(), v.place().cityName(),
                e.timezone(), e.engagementMs(), e.scrollDepth());
        try {
            return json.writeValueAsString(line);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot serialise an import line", ex);
        }
    }

    /** The visitor's offset from UTC on that day, DST included. */
    private long offsetMs(Visitor visitor, long dayStartMs) {
        ZoneId zone = zones.computeIfAbsent(visitor.timezone(), ZoneId::of);
        return zone.getRules().getOffset(Instant.ofEpochMilli(dayStartMs + DAY_MS / 2)).getTotalSeconds() * 1000L;
    }

    private static void emit(List<Line> lines, int day, int chunkLines, Consumer<Chunk> sink) {
        for (int from = 0; from < lines.size(); from += chunkLines) {
            StringBuilder text = new StringBuilder();
            int to = Math.min(lines.size(), from + chunkLines);
            for (int i = from; i < to; i++) {
                text.append(lines.get(i).json()).append('\n');
            }
            sink.accept(new Chunk(text.toString().getBytes(StandardCharsets.UTF_8), to - from, day));
        }
    }

    private int hourOfDay() {
        double total = 0;
        for (double w : HOURS) {
            total += w;
        }
        double r = random.nextDouble() * total;
        for (int h = 0; h < HOURS.length; h++) {
            r -= HOURS[h];
            if (r <= 0) {
                return h;
            }
        }
        return HOURS.length - 1;
    }
}
