package dev.footfall.server.http;

import dev.footfall.model.InvalidFieldException;
import io.helidon.common.uri.UriQuery;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Query parameters as a flat map (first value wins), and the one place wire validation errors become 400s. */
public final class QueryParams {
    private QueryParams() {
    }

    public static Map<String, String> of(UriQuery query) {
        Map<String, String> params = new HashMap<>();
        for (String name : query.names()) {
            query.first(name).ifPresent(value -> params.put(name, value));
        }
        return params;
    }

    /** Runs {@code work}, turning a wire contract violation into {@code 400 {"error", "field"}}. */
    public static <T> T validated(Supplier<T> work) {
        try {
            return work.get();
        } catch (InvalidFieldException e) {
            throw ApiException.badRequest(e.field(), e.reason());
        }
    }
}
