package dev.footfall.console.api;

/**
 * A failed call to the server with the {@link Problem} it maps to and a human detail. The
 * message never contains the token: requests are described by method and path only.
 */
public final class ApiException extends RuntimeException {
    private final Problem problem;

    public ApiException(Problem problem, String detail, Throwable cause) {
        super(detail, cause);
        this.problem = problem;
    }

    public ApiException(Problem problem, String detail) {
        this(problem, detail, null);
    }

    public Problem problem() {
        return problem;
    }

    /** "Server unreachable: connection refused by localhost:8080". */
    public String describe() {
        return problem.title() + ": " + getMessage();
    }
}
