package dev.footfall.console.settings;

/** A remembered server: its address and API token. {@link #toString()} never shows the token. */
public record ServerProfile(String url, String token) {
    public ServerProfile {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("server url required");
        }
        url = url.strip();
        token = token == null ? "" : token.strip();
    }

    @Override
    public String toString() {
        return url;
    }
}
