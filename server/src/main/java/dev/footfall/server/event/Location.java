package dev.footfall.server.event;

import java.util.Objects;

/**
 * Where on the site an event happened.
 *
 * @param hostname the page's host in lower case without {@code www.}
 * @param page     the path (never empty), plus the fragment for hash-routed sites; no query string
 */
public record Location(String hostname, String page) {
    public Location {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(page, "page");
    }
}
