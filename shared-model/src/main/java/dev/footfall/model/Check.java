package dev.footfall.model;

import java.net.URI;
import java.net.URISyntaxException;

/** Field checks shared by the payload records; each failure names the wire field. */
final class Check {
    private Check() {
    }

    static String required(String field, String value, int maxChars) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, field + " is required");
        }
        return optional(field, value, maxChars);
    }

    static String optional(String field, String value, int maxChars) {
        if (value != null && value.length() > maxChars) {
            throw new InvalidFieldException(field, field + " is longer than " + maxChars + " characters");
        }
        return value;
    }

    /** An absolute http(s) URL with a host; returns it parsed. */
    static URI httpUrl(String field, String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new InvalidFieldException(field, field + " is not a valid URL");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new InvalidFieldException(field, field + " must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new InvalidFieldException(field, field + " has no host");
        }
        return uri;
    }

    static void range(String field, Number value, long min, long max) {
        if (value != null && (value.longValue() < min || value.longValue() > max)) {
            throw new InvalidFieldException(field, field + " must be between " + min + " and " + max);
        }
    }
}
