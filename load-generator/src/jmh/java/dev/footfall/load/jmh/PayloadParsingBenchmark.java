package dev.footfall.load.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.footfall.load.wire.PayloadPool;
import dev.footfall.load.wire.WireFormat;
import dev.footfall.load.wire.WireRequest;
import dev.footfall.model.EventPayload;
import dev.footfall.model.SessionPayload;
import dev.footfall.model.WireJson;
import dev.footfall.traffic.Population;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The first step of ingestion as the server does it: bytes of a tracker body to a validated
 * {@link EventPayload} with {@link WireJson#mapper()} (Jackson binding + the record's compact
 * constructor). {@code tree} is JSON parsing alone, {@code validate} the constructor alone, so
 * the difference shows what binding and validation cost. Bodies are the simulator's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PayloadParsingBenchmark {
    @Param({"pageview", "engagement", "custom"})
    public String kind;

    private final ObjectMapper mapper = WireJson.mapper();
    private ObjectReader eventReader;
    private ObjectReader sessionReader;
    private byte[] eventBody;
    private byte[] sessionBody;
    private EventPayload event;

    @Setup
    public void setUp() throws Exception {
        Population population = Population.create(8, 1000, 42);
        List<WireRequest> events = PayloadPool.create(population, WireFormat.EVENT, 5000, 1);
        WireRequest chosen = events.stream().filter(r -> matches(r.body())).findFirst().orElseThrow();
        eventBody = chosen.withEventId("k3x9q2-1f").getBytes(StandardCharsets.UTF_8);
        sessionBody = PayloadPool.create(population, WireFormat.SESSION, 1, 1).getFirst().body().getBytes(StandardCharsets.UTF_8);
        eventReader = mapper.readerFor(EventPayload.class);
        sessionReader = mapper.readerFor(SessionPayload.class);
        event = eventReader.readValue(eventBody);
    }

    private boolean matches(String body) {
        return switch (kind) {
            case "pageview" -> body.contains("\"n\":\"pageview\"") && body.contains("utm_source");
            case "engagement" -> body.contains("\"n\":\"engagement\"");
            default -> body.contains("\"p\":{") && !body.contains("\"n\":\"pageview\"");
        };
    }

    @Benchmark
    public EventPayload parseAndValidate() throws Exception {
        return eventReader.readValue(eventBody);
    }

    @Benchmark
    public EventPayload parseWithMapperEachTime() throws Exception {
        return mapper.readValue(eventBody, EventPayload.class);
    }

    @Benchmark
    public JsonNode tree() throws Exception {
        return mapper.readTree(eventBody);
    }

    @Benchmark
    public EventPayload validate() {
        EventPayload e = event;
        Map<String, Object> props = e.props();
        return new EventPayload(e.name(), e.url(), e.domain(), e.referrer(), props, e.hash(), e.interactive(), e.revenue(),
                e.eventId(), e.engagementMs(), e.scrollDepth(), e.screenWidth(), e.timezone());
    }

    @Benchmark
    public SessionPayload parseSessionFormat() throws Exception {
        return sessionReader.readValue(sessionBody);
    }
}
