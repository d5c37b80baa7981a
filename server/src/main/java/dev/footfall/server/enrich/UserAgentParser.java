package dev.footfall.server.enrich;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import ua_parser.OS;
import ua_parser.Parser;
import ua_parser.UserAgent;

/**
 * Turns a User-Agent string and the screen width into a {@link UserAgentInfo}: browser, OS,
 * device type and the kind of sender ({@link AgentKind}, decided by {@link ParsedAgent#kind}).
 *
 * <p>Built on ua-parser's {@code uap-java} with the uap-core rule list it bundles (the regular
 * expressions behind Sentry, Logstash and most ua-parser ports; Apache 2.0): a browser, OS and
 * device family per string, with crawlers filed under the device family {@code Spider}. It
 * replaced Yauaa, whose analyzer kept 99 MB of the server's 120–150 MB live heap, which in the
 * launcher's 300 MB heap made G1 mark every 1.5 to 2 s under load (issue 14; BENCHMARKS.md); this
 * parser keeps under 2 MB. Footfall's own rules ({@link ParsedAgent}, {@link DeviceRule}) fold
 * uap-core's mobile families into their browser, decide the device type from the UA's tokens
 * and the screen width, and tell robots from programs. A Caffeine cache of
 * {@value #CACHE_ENTRIES} entries holds the parsed result per distinct UA string, because a
 * site's traffic repeats a few hundred UA strings and a hit then costs one hash lookup. UAs
 * longer than {@value #MAX_UA_CHARS} characters are cut before parsing and caching, so a hostile
 * client cannot make the cache hold megabytes.
 *
 * <p>Costs, measured on the 2-core build machine (JDK 25, uap-java 1.6.1; printed by
 * {@code UserAgentParserTest.measure}): {@link #create()} about 0.2 s and under 2 MB of heap
 * retained; a parse of an unseen UA 1 to 1.5 ms once warm (uap-core tries its expressions in
 * turn: about 700 µs for browser and OS, 600 µs for the device list), so about 700 new UAs a
 * second per core, in parallel (the parser holds no lock); a cached parse 0.02 to 0.04 µs. A full
 * cache adds an estimated 6 to 10 MB. Create one parser at start-up and share it.
 */
public final class UserAgentParser {
    static final int CACHE_ENTRIES = 20_000;
    static final int MAX_UA_CHARS = 1_024;

    private final Parser parser;
    /** Parsed agent per distinct (cut) UA string; size-bounded, never expires: a UA always parses the same. */
    private final Cache<String, ParsedAgent> cache;

    private UserAgentParser(Parser parser, int cacheEntries) {
        this.parser = parser;
        this.cache = Caffeine.newBuilder().maximumSize(cacheEntries).build();
    }

    /** Loads and compiles uap-core's rules now, so the first event is not slow. */
    public static UserAgentParser create() {
        return new UserAgentParser(new Parser(), CACHE_ENTRIES);
    }

    /**
     * Parses {@code userAgent}; {@code screenWidthOrNull} (CSS pixels) refines the device type as
     * {@link DeviceRule} documents. A null or blank UA is a {@link AgentKind#PROGRAM} with nothing known.
     */
    public UserAgentInfo parse(String userAgent, Integer screenWidthOrNull) {
        if (userAgent == null || userAgent.isBlank()) {
            return UserAgentInfo.nothing(DeviceRule.decide(DeviceType.DESKTOP, false, screenWidthOrNull));
        }
        String key = userAgent.length() > MAX_UA_CHARS ? userAgent.substring(0, MAX_UA_CHARS) : userAgent;
        ParsedAgent parsed = cache.get(key, this::analyze);
        DeviceType device = DeviceRule.decide(parsed.info().device(), parsed.claimsMacOs(), screenWidthOrNull);
        return parsed.info().withDevice(device);
    }

    /** Number of distinct UA strings currently cached (for metrics and tests). */
    long cachedCount() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private ParsedAgent analyze(String userAgent) {
        UserAgent agent = parser.parseUserAgent(userAgent);
        OS os = parser.parseOS(userAgent);
        return ParsedAgent.of(userAgent, agent.family, agent.major, os.family, os.major, os.minor,
                parser.parseDevice(userAgent).family);
    }
}
