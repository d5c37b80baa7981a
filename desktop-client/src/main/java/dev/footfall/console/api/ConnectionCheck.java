package dev.footfall.console.api;

/** The outcome of "Test connection": connected with the sites the token sees, or why not. */
public sealed interface ConnectionCheck {
    record Connected(int siteCount) implements ConnectionCheck {
    }

    record Failed(Problem problem, String detail) implements ConnectionCheck {
    }
}
