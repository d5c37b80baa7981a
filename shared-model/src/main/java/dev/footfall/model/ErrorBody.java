package dev.footfall.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The one JSON error shape of every endpoint: {@code {"error": "...", "field": "..."}}; field may be absent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, String field) {
    public static ErrorBody of(String error) {
        return new ErrorBody(error, null);
    }
}
