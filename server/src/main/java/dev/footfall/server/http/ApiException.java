package dev.footfall.server.http;

import io.helidon.http.Status;

/** An expected failure with its HTTP status and the JSON error body's text and field. */
public final class ApiException extends RuntimeException {
    private final Status status;
    private final String field;
    private final Long retryAfterSeconds;

    public ApiException(Status status, String error, String field) {
        this(status, error, field, null);
    }

    public ApiException(Status status, String error, String field, Long retryAfterSeconds) {
        super(error);
        this.status = status;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException badRequest(String field, String error) {
        return new ApiException(Status.BAD_REQUEST_400, error, field);
    }

    public Status status() {
        return status;
    }

    public String field() {
        return field;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
