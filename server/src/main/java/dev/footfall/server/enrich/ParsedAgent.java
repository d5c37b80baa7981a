package dev.footfall.server.enrich;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One User-Agent string as Footfall sees it, before the per-visit screen width is applied:
 * the {@link UserAgentInfo} with the device type the UA alone implies ({@link DeviceRule#fromUserAgent}),
 * plus whether the UA claims macOS, which {@link DeviceRule#decide} needs. This is what the
 * parser caches per distinct UA string (estimated 300 to 500 bytes an entry).
 *
 * <p>{@link #of} holds the naming rules and {@link #kind} the sender rule. Names are uap-core's
 * families with the mobile variants folded into their browser as Plausible shows them
 * ({@code Chrome Mobile}, {@code Chrome Mobile iOS} and {@code Mobile Safari} are Chrome and
 * Safari), a few spellings mapped ({@code Edge} to "Microsoft Edge", {@code Mac OS X} to
 * "macOS", {@code Chrome Mobile WebView} to "Chrome Webview"), and no name ("Unknown") for an
 * app's bare iOS web view, which names no browser. Versions are kept short: the browser's major
 * version and the OS version cut to major.minor, so one dimension row covers a whole release.
 */
record ParsedAgent(UserAgentInfo info, boolean claimsMacOs) {

    /** UAs shorter than this are scripts or probes; real browsers send 70 characters or more. */
    static final int MIN_BROWSER_UA_CHARS = 20;

    /** uap-core's device family for every crawler its lists know. */
    private static final String SPIDER = "Spider";
    /** Browser automation, matched case-insensitively: parsers take Playwright and Cypress for browsers. */
    private static final List<String> AUTOMATION_MARKERS = List.of("headless", "phantomjs", "selenium", "webdriver",
            "puppeteer", "playwright", "cypress", "lighthouse");
    /**
     * Words crawlers name themselves with (lower case). Not a contact URL: {@code node-fetch} sends
     * {@code (+https://github.com/bitinn/node-fetch)} as crawlers do.
     */
    private static final List<String> CRAWLER_MARKERS = List.of("bot", "crawl", "spider", "slurp", "archiver", "externalhit");
    /** A real browser's shape: the Mozilla token, a platform in parentheses, a rendering engine. */
    private static final Pattern BROWSER_SHAPE = Pattern.compile("^Mozilla/\\d[^(]*\\(.*\\b(AppleWebKit|Gecko|Trident|Presto)/");
    /** uap-core families shown under another name; {@code ""} is no name (a bare web view names no browser). */
    private static final Map<String, String> BROWSER_NAMES = Map.ofEntries(
            Map.entry("Chrome Mobile", "Chrome"), Map.entry("Chrome Mobile iOS", "Chrome"),
            Map.entry("Chrome Mobile WebView", "Chrome Webview"), Map.entry("Mobile Safari", "Safari"),
            Map.entry("Firefox Mobile", "Firefox"), Map.entry("Firefox iOS", "Firefox"),
            Map.entry("Edge", "Microsoft Edge"), Map.entry("Edge Mobile", "Microsoft Edge"),
            Map.entry("Opera Mobile", "Opera"), Map.entry("Mobile Safari UI/WKWebView", ""));
    private static final Map<String, String> OS_NAMES = Map.of("Mac OS X", "macOS", "Mac OS", "macOS");
    private static final Set<String> NO_VALUE = Set.of("", "Other", "??", "Unknown");
    private static final int MAX_VERSION_CHARS = 16;
    /** Chrome's reduced UA on Android sends this whatever the version and the device: it tells no version. */
    private static final String REDUCED_ANDROID = "Android 10; K)";

    /** From uap-core's answers for {@code userAgent}: its agent family and major, OS family, major and minor, device family. */
    static ParsedAgent of(String userAgent, String agentFamily, String agentMajor, String osFamily, String osMajor,
                          String osMinor, String deviceFamily) {
        String agent = clean(agentFamily);
        String os = clean(osFamily);
        AgentKind kind = kind(userAgent, agent, os, SPIDER.equals(deviceFamily));
        String browser = renamed(BROWSER_NAMES, agent);
        boolean named = browser != null && !browser.isEmpty() && !browser.equals(os);
        String osVersion = clean(osMajor) == null || userAgent.contains(REDUCED_ANDROID) ? null
                : clean(osMinor) == null ? osMajor : osMajor + "." + osMinor;
        UserAgentInfo info = new UserAgentInfo(
                named ? browser : null,
                named ? shortVersion(agentMajor, 1) : null,
                renamed(OS_NAMES, os),
                shortVersion(osVersion, 2),
                DeviceRule.fromUserAgent(userAgent, os),
                kind);
        return new ParsedAgent(info, "macOS".equals(info.os()));
    }

    /**
     * The sender rule. A robot only on positive evidence: an automation tool's name anywhere, or
     * uap-core's crawler verdict (its device list knows the common crawlers and the
     * {@code compatible; …bot} forms) on a string that names itself a crawler or dresses as a
     * browser. HTTP libraries ({@code curl/8.5.0}, {@code node-fetch/1.0}) and bare names
     * ({@code Chrome}, {@code node}) are no such evidence. A browser is a string of a real browser's
     * shape, or a Mozilla string (or a browser the parser names) on an operating system it knows;
     * the parser need not know the browser (a new browser, an app's web view). Anything else is a
     * program.
     */
    static AgentKind kind(String userAgent, String agentFamily, String osFamily, boolean spider) {
        String lower = userAgent.toLowerCase(Locale.ROOT);
        if (AUTOMATION_MARKERS.stream().anyMatch(lower::contains)) {
            return AgentKind.ROBOT;
        }
        if (spider && (userAgent.startsWith("Mozilla/") || CRAWLER_MARKERS.stream().anyMatch(lower::contains))) {
            return AgentKind.ROBOT;
        }
        if (userAgent.length() < MIN_BROWSER_UA_CHARS) {
            return AgentKind.PROGRAM;
        }
        boolean placed = !spider && osFamily != null && (agentFamily != null || userAgent.startsWith("Mozilla/"));
        return placed || BROWSER_SHAPE.matcher(userAgent).find() ? AgentKind.BROWSER : AgentKind.PROGRAM;
    }

    /** "18.1.1" with 2 parts is "18.1"; ">=10.15.7" is "10.15"; "??" is Unknown. */
    static String shortVersion(String version, int parts) {
        String v = clean(version);
        if (v == null) {
            return null;
        }
        if (v.startsWith(">=")) {
            v = v.substring(2);
        }
        int end = -1;
        for (int i = 0; i < parts; i++) {
            end = v.indexOf('.', end + 1);
            if (end < 0) {
                break;
            }
        }
        String cut = end < 0 ? v : v.substring(0, end);
        return cut.isEmpty() || cut.length() > MAX_VERSION_CHARS ? null : cut;
    }

    private static String renamed(Map<String, String> names, String value) {
        return value == null ? null : names.getOrDefault(value, value);
    }

    private static String clean(String value) {
        return value == null || NO_VALUE.contains(value.trim()) ? null : value.trim();
    }
}
