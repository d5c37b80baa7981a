package dev.footfall.server.event;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The five UTM campaign parameters of a page URL. Absent fields are "" (never null), values are
 * percent-decoded ({@code +} is a space, as browsers encode forms), trimmed and cut to
 * {@value #MAX_CHARS} characters, so a hand-crafted URL cannot blow up a dimension table.
 * Parameter names match case-insensitively and the first occurrence wins. Parsing is a single
 * pass over the query string, no regex.
 */
public record Utm(String source, String medium, String campaign, String term, String content) {

    /** Longest value kept, in characters. */
    public static final int MAX_CHARS = 200;
    /** No campaign: every field "". */
    public static final Utm NONE = new Utm("", "", "", "", "");

    public Utm {
        source = clean(source);
        medium = clean(medium);
        campaign = clean(campaign);
        term = clean(term);
        content = clean(content);
    }

    /** The UTM parameters in {@code pageUrl}'s query; {@link #NONE} when it has none or is null. */
    public static Utm fromUrl(URI pageUrl) {
        return pageUrl == null ? NONE : fromQuery(pageUrl.getRawQuery());
    }

    /** True when no field is set. */
    public boolean isEmpty() {
        return source.isEmpty() && medium.isEmpty() && campaign.isEmpty() && term.isEmpty() && content.isEmpty();
    }

    /**
     * The UTM parameters in a raw (still percent-encoded) query string without the {@code ?};
     * for callers holding a URL that {@link URI} rejects, such as one with a malformed escape.
     */
    public static Utm fromQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return NONE;
        }
        String[] values = new String[5];
        int start = 0;
        while (start <= rawQuery.length()) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = rawQuery.length();
            }
            String pair = rawQuery.substring(start, end);
            int eq = pair.indexOf('=');
            int slot = eq > 0 ? slot(pair.substring(0, eq)) : -1;
            if (slot >= 0 && values[slot] == null) {
                values[slot] = decode(pair.substring(eq + 1));
            }
            start = end + 1;
        }
        Utm utm = new Utm(values[0], values[1], values[2], values[3], values[4]);
        return utm.isEmpty() ? NONE : utm;
    }

    private static int slot(String rawName) {
        return switch (rawName.toLowerCase(Locale.ROOT)) {
            case "utm_source" -> 0;
            case "utm_medium" -> 1;
            case "utm_campaign" -> 2;
            case "utm_term" -> 3;
            case "utm_content" -> 4;
            default -> -1;
        };
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            return raw;
        }
    }

    private static String clean(String value) {
        if (value == null) {
            return "";
        }
        String trimmed = value.strip();
        return trimmed.length() > MAX_CHARS ? trimmed.substring(0, MAX_CHARS).strip() : trimmed;
    }
}
