package dev.footfall.server.api;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi}: the OpenAPI 3.1 description of the HTTP API, a hand-written resource
 * ({@code openapi.yaml} beside this class) kept in step with the routes by {@code OpenApiTest}.
 * Public, like the tracker: it describes the API, it reveals no data.
 */
public final class OpenApiService implements HttpService {
    private final byte[] document;

    public OpenApiService() {
        try (InputStream in = OpenApiService.class.getResourceAsStream("openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("api: openapi.yaml is missing from the classpath");
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("api: cannot read openapi.yaml", e);
        }
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::handleDocument);
    }

    private void handleDocument(ServerRequest req, ServerResponse res) {
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, "application/yaml; charset=utf-8");
        res.send(document);
    }
}
