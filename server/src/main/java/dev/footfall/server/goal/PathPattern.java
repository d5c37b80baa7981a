package dev.footfall.server.goal;

import dev.footfall.model.InvalidFieldException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A page pattern of a pageview or scroll-depth goal: {@code *} matches within one path segment,
 * {@code **} across {@code /}, and {@code |} separates alternatives ({@code /blog/**|/news/*}).
 * Everything else is literal. Matched in Java against the site's stored page values, so the
 * same rule holds on MySQL, MariaDB and TiDB, whose REGEXP dialects differ.
 */
public final class PathPattern {
    public static final int MAX_CHARS = 2048;

    private final String text;
    private final List<String> alternatives;
    private final Pattern regex;

    private PathPattern(String text, List<String> alternatives, Pattern regex) {
        this.text = text;
        this.alternatives = alternatives;
        this.regex = regex;
    }

    /** The pattern, or an {@link InvalidFieldException} naming {@code field}. */
    public static PathPattern parse(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new InvalidFieldException(field, field + " is required");
        }
        String t = text.strip();
        if (t.length() > MAX_CHARS) {
            throw new InvalidFieldException(field, field + " is longer than " + MAX_CHARS + " characters");
        }
        List<String> alternatives = new ArrayList<>();
        StringBuilder regex = new StringBuilder();
        for (String alt : t.split("\\|", -1)) {
            String a = alt.strip();
            if (a.isEmpty()) {
                throw new InvalidFieldException(field, "'" + t + "' has an empty alternative");
            }
            if (!a.startsWith("/")) {
                throw new InvalidFieldException(field, "'" + a + "' must start with /");
            }
            if (a.contains("***")) {
                throw new InvalidFieldException(field, "'" + a + "': use * within a segment or ** across /, not ***");
            }
            if (a.chars().anyMatch(Character::isWhitespace)) {
                throw new InvalidFieldException(field, "'" + a + "' contains white space");
            }
            alternatives.add(a);
            regex.append(regex.isEmpty() ? "" : "|").append(toRegex(a));
        }
        return new PathPattern(String.join("|", alternatives), List.copyOf(alternatives), Pattern.compile(regex.toString()));
    }

    private static String toRegex(String alternative) {
        StringBuilder out = new StringBuilder("(?:");
        int literalFrom = 0;
        for (int i = 0; i < alternative.length(); i++) {
            if (alternative.charAt(i) != '*') {
                continue;
            }
            if (i > literalFrom) {
                out.append(Pattern.quote(alternative.substring(literalFrom, i)));
            }
            boolean across = i + 1 < alternative.length() && alternative.charAt(i + 1) == '*';
            out.append(across ? ".*" : "[^/]*");
            i += across ? 1 : 0;
            literalFrom = i + 1;
        }
        if (literalFrom < alternative.length()) {
            out.append(Pattern.quote(alternative.substring(literalFrom)));
        }
        return out.append(')').toString();
    }

    public boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    /** The one page this pattern names when it has no wildcard and no alternative. */
    public Optional<String> literal() {
        return alternatives.size() == 1 && !text.contains("*") ? Optional.of(text) : Optional.empty();
    }

    public List<String> alternatives() {
        return alternatives;
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
