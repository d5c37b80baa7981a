package dev.footfall.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.footfall.model.ErrorBody;
import dev.footfall.model.InvalidFieldException;
import dev.footfall.model.WireJson;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reading request bodies and writing JSON answers, including the one error shape. Body reading
 * stops at a byte limit (413) and turns every Jackson failure into a 400 naming the field.
 */
public final class JsonBodies {
    private final ObjectMapper json = WireJson.mapper();
    /** A reader per body type, built once: {@code readValue} looked the type and its deserializer up on every body. */
    private final ClassValue<ObjectReader> readers = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return json.readerFor(type);
        }
    };

    public ObjectMapper mapper() {
        return json;
    }

    /**
     * The body, at most {@code maxBytes}; 413 beyond. With a Content-Length the array is allocated
     * at its size (reading into a {@code maxBytes} buffer per request was 6 % of the server's CPU
     * samples under load).
     */
    public byte[] read(ServerRequest req, int maxBytes) {
        long declared = declaredLength(req);
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try (InputStream in = req.content().inputStream()) {
            if (declared >= 0) {
                byte[] body = in.readNBytes((int) declared);
                if (in.read() >= 0) {
                    throw tooLarge(maxBytes);
                }
                return body;
            }
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read request body", e);
        }
    }

    private static ApiException tooLarge(int maxBytes) {
        return new ApiException(Status.REQUEST_ENTITY_TOO_LARGE_413, "body is larger than " + maxBytes + " bytes", "body");
    }

    /** The Content-Length, or -1 when absent or not a number (the read below still stops at the limit). */
    private static long declaredLength(ServerRequest req) {
        try {
            return req.headers().contentLength().orElse(-1);
        } catch (RuntimeException malformed) {
            return -1;
        }
    }

    /** Parses {@code body} into {@code type}; 400 with the offending field on any problem. */
    public <T> T parse(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw ApiException.badRequest("body", "body is empty; expected a JSON object");
        }
        try {
            return decode(body, type, "body");
        } catch (InvalidFieldException e) {
            throw ApiException.badRequest(e.field(), e.reason());
        }
    }

    /**
     * Decodes one JSON object of {@code type}, for bodies and for the lines of an NDJSON body;
     * any problem is an {@link InvalidFieldException} naming the field ("body" when it is the
     * whole text). {@code what} names the text in messages ("body", "line").
     */
    public <T> T decode(byte[] text, Class<T> type, String what) {
        try {
            T value = readers.get(type).readValue(text);
            if (value == null) {
                throw new InvalidFieldException("body", what + " must be a JSON object");
            }
            return value;
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof InvalidFieldException invalid) {
                throw invalid;
            }
            throw new InvalidFieldException(fieldOf(e), "invalid value: " + e.getOriginalMessage());
        } catch (JsonMappingException e) {
            String field = fieldOf(e);
            throw new InvalidFieldException(field, field.equals("body") ? what + " must be a JSON object" : field + " has the wrong type");
        } catch (JsonProcessingException e) {
            throw new InvalidFieldException("body", "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void send(ServerResponse res, Status status, Object body) {
        try {
            res.status(status);
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            res.send(json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON answer", e);
        }
    }

    public void sendError(ServerResponse res, ApiException e) {
        if (e.retryAfterSeconds() != null) {
            res.header(HeaderNames.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
        }
        send(res, e.status(), new ErrorBody(e.getMessage(), e.field()));
    }

    private static String fieldOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }
}
