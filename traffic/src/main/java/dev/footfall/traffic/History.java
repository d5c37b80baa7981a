package dev.footfall.traffic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.model.EventPayload;
import dev.footfall.model.WireJson;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Historical traffic for {@code simulate --backfill}: the simulator's visits (same population,
 * devices, referrers, pages, goals and engagement as live simulation), laid out over past days
 * with a daily curve, a weekly rhythm and slow growth, as lines of the server's import format.
 * Lines come out in time order (so each visitor's events are in order), in chunks of about
 * {@code chunkLines}; a day's events run into the next day only as the next day's first chunk.
 * The day's volume is set so the whole history holds about {@code targetEvents} events.
 */
public final class History {
    private static final double[] WEEKDAY = {1.0, 1.04, 1.0, 0.97, 0.93, 0.82, 0.76};
    private static final double[] HOURS = {1.2, 0.8, 0.5, 0.4, 0.4, 0.6, 1.4, 2.6, 4.0, 5.2, 6.0, 6.2, 5.8, 5.9, 6.0, 5.7, 5.3, 4.8,
            4.9, 5.4, 5.6, 4.9, 3.4, 2.1};

    private final Population population;
    private final SplittableRandom random;
    private final VisitGenerator visits;
    private final ObjectMapper json = WireJson.mapper();

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

    /** Generates {@code days} days ending with today (UTC, up to {@code nowMs}) and hands over chunks in time order. */
    public void generate(int days, long targetEvents, long nowMs, int chunkLines, Consumer<Chunk> sink) {
        LocalDate today = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(nowMs), ZoneOffset.UTC);
        double[] weight = new double[days];
        double total = 0;
        for (int d = 0; d < days; d++) {
            LocalDate day = today.minusDays(days - 1 - d);
            weight[d] = WEEKDAY[day.getDayOfWeek().getValue() - 1] * (0.8 + 0.4 * d / days);
            total += weight[d];
        }
        List<Line> carried = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            long dayStart = today.minusDays(days - 1 - d).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            long dayEnd = dayStart + 86_400_000L;
            List<Line> lines = new ArrayList<>(carried);
            carried.clear();
            long target = Math.round(targetEvents * weight[d] / total);
            int generated = 0;
            while (generated < target) {
                generated += visit(dayStart + hourOfDay() * 3_600_000L + random.nextLong(3_600_000L), nowMs, lines);
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

    /** One visit starting at {@code startMs}; returns the number of events it added (those before now). */
    private int visit(long startMs, long nowMs, List<Line> out) {
        Visitor visitor = population.visitors().get(random.nextInt(population.visitors().size()));
        Site site = population.siteFor(visitor, random);
        long ts = startMs;
        int added = 0;
        for (Step step : visits.visit(visitor, site)) {
            ts += step.thinkMs();
            if (ts >= nowMs) {
                break;
            }
            out.add(new Line(ts, line(step, ts)));
            added++;
        }
        return Math.max(added, 1);
    }

    private String line(Step step, long ts) {
        EventPayload e = step.event();
        Visitor v = step.visitor();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("domain", e.domain());
        body.put("timestamp", ts);
        body.put("name", e.name());
        body.put("url", e.url());
        putIfPresent(body, "referrer", e.referrer());
        if (!e.props().isEmpty()) {
            body.put("props", e.props());
        }
        putIfPresent(body, "hash", e.hash());
        putIfPresent(body, "interactive", e.interactive());
        if (e.revenue() != null) {
            body.put("revenue", Map.of("amount", e.revenue().amount(), "currency", e.revenue().currency()));
        }
        body.put("visitor", v.id());
        body.put("user_agent", v.userAgent());
        putIfPresent(body, "screen_width", e.screenWidth());
        putIfPresent(body, "timezone", e.timezone());
        putIfPresent(body, "engagement_time", e.engagementMs());
        putIfPresent(body, "scroll_depth", e.scrollDepth());
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot serialise an import line", ex);
        }
    }

    private static void emit(List<Line> lines, int day, int chunkLines, Consumer<Chunk> sink) {
        for (int from = 0; from < lines.size(); from += chunkLines) {
            StringBuilder text = new StringBuilder();
            int to = Math.min(lines.size(), from + chunkLines);
            for (int i = from; i < to; i++) {
                text.append(lines.get(i).json()).append('\n');
            }
            sink.accept(new Chunk(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), to - from, day));
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

    private static void putIfPresent(Map<String, Object> body, String key, Object value) {
        if (value != null && !(value instanceof String s && s.isEmpty())) {
            body.put(key, value);
        }
    }
}
