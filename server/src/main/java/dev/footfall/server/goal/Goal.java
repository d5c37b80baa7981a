package dev.footfall.server.goal;

import dev.footfall.model.InvalidFieldException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A site's goal: what counts as one conversion. A {@link Kind#PAGE} goal is a pageview on a page
 * its {@link PathPattern} matches; an {@link Kind#EVENT} goal a custom event of its name carrying
 * every one of its (up to three) property values; a {@link Kind#SCROLL} goal an engagement report
 * on a matching page that reached {@code scrollThreshold} percent or more. The compact
 * constructor validates and throws {@link InvalidFieldException} naming the API field.
 *
 * @param id   0 until stored
 * @param name the display name, by default {@code Visit /pricing}, the event name, or
 *             {@code Scroll 75% on /blog/**}; unique per site, as {@code event:goal} filters name it
 */
public record Goal(int id, int siteId, Kind kind, String name, Optional<PathPattern> page, Optional<String> eventName,
                   Map<String, String> props, int scrollThreshold) {
    public static final int MAX_NAME_CHARS = 120;
    public static final int MAX_PROPS = 3;
    public static final int MAX_PROP_CHARS = 300;

    public enum Kind {
        PAGE(1, "page"), EVENT(2, "event"), SCROLL(3, "scroll");

        public final int code;
        public final String wireName;

        Kind(int code, String wireName) {
            this.code = code;
            this.wireName = wireName;
        }

        public static Kind ofCode(int code) {
            for (Kind k : values()) {
                if (k.code == code) {
                    return k;
                }
            }
            throw new IllegalArgumentException("goal: unknown kind " + code);
        }

        public static Kind parse(String text) {
            for (Kind k : values()) {
                if (k.wireName.equals(text)) {
                    return k;
                }
            }
            throw new InvalidFieldException("goal_type", "goal_type must be page, event or scroll, not '" + text + "'");
        }
    }

    public Goal {
        props = props == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(props));
        switch (kind) {
            case PAGE -> {
                required(page, "page_path");
                forbid(eventName.isPresent() || !props.isEmpty(), "event_name", "a page goal has no event_name or custom_props");
                forbid(scrollThreshold != 0, "scroll_threshold", "a page goal has no scroll_threshold; use goal_type scroll");
            }
            case SCROLL -> {
                required(page, "page_path");
                forbid(eventName.isPresent() || !props.isEmpty(), "event_name", "a scroll goal has no event_name or custom_props");
                if (scrollThreshold < 1 || scrollThreshold > 100) {
                    throw new InvalidFieldException("scroll_threshold", "scroll_threshold must be a whole percentage from 1 to 100");
                }
            }
            case EVENT -> {
                String n = eventName.map(String::strip).filter(s -> !s.isEmpty())
                        .orElseThrow(() -> new InvalidFieldException("event_name", "event_name is required for an event goal"));
                if (n.length() > MAX_NAME_CHARS) {
                    throw new InvalidFieldException("event_name", "event_name is longer than " + MAX_NAME_CHARS + " characters");
                }
                if (n.equals("pageview") || n.equals("engagement")) {
                    throw new InvalidFieldException("event_name", "'" + n + "' is not a custom event: use a page or scroll goal");
                }
                eventName = Optional.of(n);
                forbid(page.isPresent(), "page_path", "an event goal has no page_path");
                forbid(scrollThreshold != 0, "scroll_threshold", "an event goal has no scroll_threshold");
                checkProps(props);
            }
        }
        name = name == null || name.isBlank() ? defaultName(kind, page, eventName, scrollThreshold) : name.strip();
        if (name.length() > MAX_NAME_CHARS) {
            throw new InvalidFieldException("display_name", "display_name is longer than " + MAX_NAME_CHARS + " characters");
        }
        if (name.contains("|") || name.contains(";")) {
            throw new InvalidFieldException("display_name", "display_name cannot contain | or ; (they separate filter values)");
        }
    }

    /** {@code Visit /pricing} (alternatives joined with "or"), the event name, or {@code Scroll 75% on /blog/**}. */
    public static String defaultName(Kind kind, Optional<PathPattern> page, Optional<String> eventName, int scrollThreshold) {
        return switch (kind) {
            case PAGE -> "Visit " + String.join(" or ", page.orElseThrow().alternatives());
            case EVENT -> eventName.orElseThrow();
            case SCROLL -> "Scroll " + scrollThreshold + "% on " + String.join(" or ", page.orElseThrow().alternatives());
        };
    }

    /** True when the name is the default one of this goal's definition (an edit of the definition then renames it). */
    public boolean hasDefaultName() {
        return name.equals(defaultName(kind, page, eventName, scrollThreshold));
    }

    /** MD5 of the canonical definition: two goals counting the same conversions have the same one. */
    public byte[] identity() {
        StringBuilder s = new StringBuilder(kind.wireName).append('\u0000');
        page.ifPresent(p -> s.append(p.text()));
        s.append('\u0000');
        eventName.ifPresent(s::append);
        props.forEach((k, v) -> s.append('\u0000').append(k).append('=').append(v));
        s.append('\u0000').append(scrollThreshold);
        try {
            return MessageDigest.getInstance("MD5").digest(s.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }

    public Goal withId(int newId) {
        return new Goal(newId, siteId, kind, name, page, eventName, props, scrollThreshold);
    }

    private static void checkProps(Map<String, String> props) {
        if (props.size() > MAX_PROPS) {
            throw new InvalidFieldException("custom_props", "an event goal matches at most " + MAX_PROPS + " properties");
        }
        props.forEach((k, v) -> {
            if (k.isBlank() || k.length() > MAX_PROP_CHARS || k.contains("\"") || k.contains("\\")) {
                throw new InvalidFieldException("custom_props", "property key '" + k + "' must be 1 to " + MAX_PROP_CHARS
                        + " characters without quotes or backslashes");
            }
            if (v == null || v.isEmpty() || v.length() > MAX_PROP_CHARS) {
                throw new InvalidFieldException("custom_props", "the value of '" + k + "' must be 1 to " + MAX_PROP_CHARS + " characters");
            }
        });
    }

    private static void required(Optional<PathPattern> page, String field) {
        if (page.isEmpty()) {
            throw new InvalidFieldException(field, field + " is required");
        }
    }

    private static void forbid(boolean present, String field, String reason) {
        if (present) {
            throw new InvalidFieldException(field, reason);
        }
    }
}
