package dev.footfall.model;

/**
 * A wire value that breaks the contract. Carries the JSON field name so the server can answer
 * {@code {"error": "...", "field": "..."}} without guessing which input was wrong.
 */
public final class InvalidFieldException extends IllegalArgumentException {
    private final String field;

    public InvalidFieldException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return getMessage();
    }
}
