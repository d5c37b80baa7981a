package dev.footfall.server.enrich;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;

/**
 * Turns a User-Agent string and the screen width into a {@link UserAgentInfo}: browser, OS,
 * device type and the kind of sender ({@link AgentKind}, decided by {@link ParsedAgent#kind}).
 *
 * <p>Built on Yauaa because it is the maintained, rule-based parser of the Java world (it knows
 * Chrome's reduced UA, iPadOS, Samsung Internet and several thousand robots), restricted to the
 * six fields Footfall reports (that saves little: Yauaa keeps most matchers to tell the device
 * class; measured 110 MB retained against 113 MB with all fields). Yauaa's own cache is off; a
 * Caffeine cache of {@value #CACHE_ENTRIES} entries holds the parsed result per distinct UA
 * string instead, because a site's traffic repeats a few hundred UA strings and a hit then costs
 * one hash lookup. The width is applied after the cache by {@link DeviceRule}, as it varies per
 * visit. UAs longer than {@value #MAX_UA_CHARS} characters are cut before parsing and caching,
 * so a hostile client cannot make the cache hold megabytes.
 *
 * <p>Costs, measured on the 2-core build machine (JDK 25, Yauaa 7.32.0; printed by
 * {@code UserAgentParserTest.measure}): {@link #create()} 1.9 to 2.5 s (5 s while another build ran)
 * and about 110 MB of heap retained for the analyzer's matchers; the first parse after start-up
 * 65 to 90 ms; a parse of
 * an unseen UA 250 to 300 µs once warm; a cached parse 0.02 to 0.04 µs. A full cache adds an
 * estimated 6 to 10 MB. So: create one parser at start-up and share it. Uncached parses
 * serialise on Yauaa's analyzer lock (about 3,500 new UAs a second per server); cached ones
 * do not.
 */
public final class UserAgentParser {
    static final int CACHE_ENTRIES = 20_000;
    static final int MAX_UA_CHARS = 1_024;
    private static final String[] FIELDS = {
        UserAgent.DEVICE_CLASS, UserAgent.AGENT_CLASS, UserAgent.AGENT_NAME,
        UserAgent.AGENT_VERSION_MAJOR, UserAgent.OPERATING_SYSTEM_NAME, UserAgent.OPERATING_SYSTEM_VERSION,
    };

    private final UserAgentAnalyzer analyzer;
    /** Parsed agent per distinct (cut) UA string; size-bounded, never expires: a UA always parses the same. */
    private final Cache<String, ParsedAgent> cache;

    private UserAgentParser(UserAgentAnalyzer analyzer, int cacheEntries) {
        this.analyzer = analyzer;
        this.cache = Caffeine.newBuilder().maximumSize(cacheEntries).build();
    }

    /** Builds the analyzer now (seconds, see the class comment), so the first event is not slow. */
    public static UserAgentParser create() {
        UserAgentAnalyzer analyzer = UserAgentAnalyzer.newBuilder()
                .withFields(FIELDS)
                .withoutCache()
                .withoutClientHintsCache()
                .hideMatcherLoadStats()
                .dropTests()
                .immediateInitialization()
                .build();
        return new UserAgentParser(analyzer, CACHE_ENTRIES);
    }

    /**
     * Parses {@code userAgent}; {@code screenWidthOrNull} (CSS pixels) refines the device type as
     * {@link DeviceRule} documents. A null or blank UA is a {@link AgentKind#PROGRAM} with nothing known.
     */
    public UserAgentInfo parse(String userAgent, Integer screenWidthOrNull) {
        if (userAgent == null || userAgent.isBlank()) {
            return UserAgentInfo.nothing(DeviceRule.decide(null, false, screenWidthOrNull));
        }
        String key = userAgent.length() > MAX_UA_CHARS ? userAgent.substring(0, MAX_UA_CHARS) : userAgent;
        ParsedAgent parsed = cache.get(key, this::analyze);
        DeviceType device = DeviceRule.decide(parsed.deviceClass(), parsed.claimsMacOs(), screenWidthOrNull);
        return parsed.info().withDevice(device);
    }

    /** Number of distinct UA strings currently cached (for metrics and tests). */
    long cachedCount() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private ParsedAgent analyze(String userAgent) {
        UserAgent.ImmutableUserAgent ua = analyzer.parse(userAgent);
        return ParsedAgent.of(userAgent,
                ua.getValue(UserAgent.DEVICE_CLASS),
                ua.getValue(UserAgent.AGENT_CLASS),
                ua.getValue(UserAgent.AGENT_NAME),
                ua.getValue(UserAgent.AGENT_VERSION_MAJOR),
                ua.getValue(UserAgent.OPERATING_SYSTEM_NAME),
                ua.getValue(UserAgent.OPERATING_SYSTEM_VERSION));
    }
}
