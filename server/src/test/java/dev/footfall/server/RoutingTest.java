package dev.footfall.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Paths and methods the server does not serve get their own 4xx with the JSON error shape, never a 500. */
class RoutingTest {
    @Test
    void unknownPathIs404AndWrongMethodIsNot500() {
        try (RunningServer server = RunningServer.start(TestInfra.freshConfig())) {
            HttpResponse<String> missing = server.get("/nothing-here/health/live");
            assertEquals(404, missing.statusCode(), missing.body());
            assertEquals("{\"error\":\"not found\"}", missing.body());
            HttpResponse<String> wrongMethod = server.get("/api/event");
            assertEquals(4, wrongMethod.statusCode() / 100, wrongMethod.body());
        }
    }
}
