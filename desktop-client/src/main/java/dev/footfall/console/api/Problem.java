package dev.footfall.console.api;

/** Why a request to a Footfall server failed, in the words the connection screen shows. */
public enum Problem {
    INVALID_URL("Not a valid server address"),
    UNREACHABLE("Server unreachable"),
    TLS("TLS handshake failed"),
    UNAUTHORIZED("Token rejected (401)"),
    FORBIDDEN("Token lacks access (403)"),
    NOT_FOOTFALL("Not a Footfall server"),
    BAD_REQUEST("Request rejected"),
    SERVER_ERROR("Server error");

    private final String title;

    Problem(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** Problems that go away by themselves when the server comes back: worth retrying. */
    public boolean transientFailure() {
        return this == UNREACHABLE || this == SERVER_ERROR;
    }
}
