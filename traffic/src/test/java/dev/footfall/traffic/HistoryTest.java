package dev.footfall.traffic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.model.ImportEvent;
import dev.footfall.model.WireJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The import-format history: valid lines the server accepts, in time order, over the days asked for, on each visitor's clock. */
class HistoryTest {
    /** 2025-11-20T23:00:00Z: the last day is nearly over, so nearly all of its visits lie in the past. */
    private static final long NOW_MS = 1_763_679_600_000L;
    private static final int DAYS = 7;
    private static final long EVENTS = 20_000;

    private final ObjectMapper json = WireJson.mapper();
    private final Population population = Population.create(List.of(Site.of("shop.example.com", "shop"),
            Site.of("docs.example.com", "docs")), History.visitorCount(EVENTS, DAYS), 5);

    private List<History.Chunk> generate(long seed) {
        List<History.Chunk> chunks = new ArrayList<>();
        new History(population, seed).generate(DAYS, EVENTS, NOW_MS, 1_000, chunks::add);
        return chunks;
    }

    private List<ImportEvent> lines(List<History.Chunk> chunks) throws Exception {
        List<ImportEvent> lines = new ArrayList<>();
        for (History.Chunk chunk : chunks) {
            String[] text = new String(chunk.ndjson(), StandardCharsets.UTF_8).split("\n");
            assertEquals(chunk.lines(), text.length);
            for (String line : text) {
                assertFalse(line.contains("\"event\""), "only the import format's keys: " + line);
                lines.add(json.readValue(line, ImportEvent.class));
            }
        }
        return lines;
    }

    @Test
    void linesAreValidImportEventsInTimeOrderOverTheDaysAskedFor() throws Exception {
        List<ImportEvent> lines = lines(generate(9));
        assertTrue(lines.size() > EVENTS * 0.95 && lines.size() < EVENTS * 1.1, "about the events asked for: " + lines.size());
        Set<Long> days = new HashSet<>();
        Set<String> domains = new HashSet<>();
        long previous = 0;
        for (ImportEvent line : lines) {
            assertTrue(line.timestampMs() >= previous && line.timestampMs() < NOW_MS, "in time order, in the past");
            previous = line.timestampMs();
            days.add(line.timestampMs() / 86_400_000L);
            domains.add(line.domain());
            assertTrue(line.url().startsWith("https://" + line.domain() + "/"), line.url());
            assertFalse(line.userAgent().isEmpty());
        }
        assertEquals(DAYS, days.size());
        assertEquals(Set.of("shop.example.com", "docs.example.com"), domains);
        assertTrue(lines.stream().anyMatch(l -> l.revenue() != null) && lines.stream().anyMatch(l -> l.props() != null));
    }

    @Test
    void visitsFollowTheVisitorsOwnClock() throws Exception {
        int day = 0;
        int night = 0;
        List<ImportEvent> lines = lines(generate(9));
        for (ImportEvent line : lines) {
            int hour = Instant.ofEpochMilli(line.timestampMs()).atZone(ZoneId.of(line.timezone())).getHour();
            day += hour >= 9 && hour < 22 ? 1 : 0;
            night += hour >= 1 && hour < 6 ? 1 : 0;
        }
        assertTrue(day > lines.size() * 0.75, "daytime share " + day * 100 / lines.size() + " %");
        assertTrue(night < lines.size() * 0.05, "night share " + night * 100 / lines.size() + " %");
    }

    /** Just after midnight today has nearly no past hours: the events asked for come from the days before. */
    @Test
    void justAfterMidnightTheEventsAskedForAreStillThere() throws Exception {
        long justAfterMidnight = NOW_MS + 70 * 60_000L; // 2025-11-21T00:10:00Z
        List<History.Chunk> chunks = new ArrayList<>();
        new History(population, 9).generate(DAYS, EVENTS, justAfterMidnight, 1_000, chunks::add);
        List<ImportEvent> lines = lines(chunks);
        assertTrue(lines.size() > EVENTS * 0.95 && lines.size() < EVENTS * 1.1, "about the events asked for: " + lines.size());
        assertTrue(lines.stream().allMatch(l -> l.timestampMs() < justAfterMidnight), "all in the past");
    }

    @Test
    void sameSeedSameHistory() {
        List<History.Chunk> one = generate(3);
        List<History.Chunk> two = generate(3);
        assertEquals(one.size(), two.size());
        for (int i = 0; i < one.size(); i++) {
            assertArrayEquals(one.get(i).ndjson(), two.get(i).ndjson());
        }
    }
}
