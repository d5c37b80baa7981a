package dev.footfall.server.enrich;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One User-Agent string as Footfall sees it, before the per-visit screen width is applied:
 * the {@link UserAgentInfo} with the device type the UA alone implies, plus Yauaa's raw device
 * class and whether the UA claims macOS, which {@link DeviceRule} needs. This is what the
 * parser caches per distinct UA string (estimated 300 to 500 bytes an entry).
 *
 * <p>{@link #of} holds the naming rules and {@link #kind} the sender rule. Names are Yauaa's, with
 * the few spellings Plausible shows differently mapped ({@code SamsungBrowser} to "Samsung
 * Internet", {@code Windows NT} to "Windows"), and with no name ("Unknown") where Yauaa found only
 * an engine ({@code AppleWebKit} for an app's bare web view) or the Mozilla token ("Netscape").
 * Versions are kept short: the browser's major version and the OS version cut to major.minor, so
 * one dimension row covers a whole release.
 */
record ParsedAgent(UserAgentInfo info, String deviceClass, boolean claimsMacOs) {

    /** UAs shorter than this are scripts or probes; real browsers send 70 characters or more. */
    static final int MIN_BROWSER_UA_CHARS = 20;

    private static final Set<String> ROBOT_CLASSES = Set.of("Robot", "Robot Mobile", "Robot Imitator", "Spy");
    /** Yauaa classes that name no device or no browser: a program, a probe, or a string it could not read. */
    private static final Set<String> NO_DEVICE_CLASSES = Set.of("Unknown", "Hacker", "Robot", "Robot Mobile", "Robot Imitator", "Spy");
    private static final Set<String> NO_BROWSER_AGENT_CLASSES = Set.of("Robot", "Robot Mobile", "Robot Imitator", "Spy",
            "Cloud Application", "Special", "Testclient", "Hacker");
    /** Browser automation, matched case-insensitively: Yauaa files Playwright and Cypress as browsers. */
    private static final List<String> AUTOMATION_MARKERS = List.of("headless", "phantomjs", "selenium", "webdriver",
            "puppeteer", "playwright", "cypress", "lighthouse");
    /**
     * Words crawlers name themselves with (lower case). Not a contact URL: {@code node-fetch} sends
     * {@code (+https://github.com/bitinn/node-fetch)} as crawlers do.
     */
    private static final List<String> CRAWLER_MARKERS = List.of("bot", "crawl", "spider", "slurp", "archiver", "externalhit");
    /** A real browser's shape: the Mozilla token, a platform in parentheses, a rendering engine. */
    private static final Pattern BROWSER_SHAPE = Pattern.compile("^Mozilla/\\d[^(]*\\(.*\\b(AppleWebKit|Gecko|Trident|Presto)/");
    /** What Yauaa answers as the browser when it found only an engine or the Mozilla token. */
    private static final Set<String> ENGINE_NAMES = Set.of("AppleWebKit", "Gecko", "Blink", "Mozilla", "Netscape");
    private static final Map<String, String> BROWSER_NAMES = Map.of("SamsungBrowser", "Samsung Internet",
            "Edge", "Microsoft Edge");
    private static final Map<String, String> OS_NAMES = Map.of("Windows NT", "Windows", "Mac OS", "macOS",
            "Mac OS X", "macOS");
    private static final Set<String> NO_VALUE = Set.of("", "??", "Unknown", "Hacker");
    private static final int MAX_VERSION_CHARS = 16;

    static ParsedAgent of(String userAgent, String deviceClass, String agentClass, String agentName,
                          String agentVersionMajor, String osName, String osVersion) {
        AgentKind kind = kind(userAgent, orEmpty(deviceClass), orEmpty(agentClass));
        String os = clean(osName);
        String browser = clean(agentName);
        boolean named = browser != null && !ENGINE_NAMES.contains(browser) && !browser.equals(os);
        UserAgentInfo info = new UserAgentInfo(
                named ? renamed(BROWSER_NAMES, browser) : null,
                named ? shortVersion(agentVersionMajor, 1) : null,
                renamed(OS_NAMES, os),
                shortVersion(osVersion, 2),
                DeviceRule.fromDeviceClass(deviceClass),
                kind);
        return new ParsedAgent(info, deviceClass, "Mac OS".equals(os) || "Mac OS X".equals(os));
    }

    /**
     * The sender rule. A robot only on positive evidence: an automation tool's name anywhere, or
     * Yauaa's robot verdict (its lists hold several thousand crawlers) on a string that names itself
     * a crawler or dresses as a browser. Yauaa files HTTP libraries ({@code curl/8.5.0},
     * {@code node-fetch/1.0}) as robots too, and bare names ({@code Chrome}, {@code node}) as
     * hackers, as it does strings it cannot read: neither is evidence. A browser is a string of a
     * real browser's shape, or one Yauaa places on a device and in a browser or app; the parser need
     * not know its name (a new browser, an app's web view). Anything else is a program.
     */
    static AgentKind kind(String userAgent, String deviceClass, String agentClass) {
        String lower = userAgent.toLowerCase(Locale.ROOT);
        if (AUTOMATION_MARKERS.stream().anyMatch(lower::contains)) {
            return AgentKind.ROBOT;
        }
        boolean yauaaRobot = ROBOT_CLASSES.contains(deviceClass) || ROBOT_CLASSES.contains(agentClass);
        if (yauaaRobot && (userAgent.startsWith("Mozilla/") || CRAWLER_MARKERS.stream().anyMatch(lower::contains))) {
            return AgentKind.ROBOT;
        }
        if (userAgent.length() < MIN_BROWSER_UA_CHARS) {
            return AgentKind.PROGRAM;
        }
        boolean placed = !NO_DEVICE_CLASSES.contains(deviceClass) && !NO_BROWSER_AGENT_CLASSES.contains(agentClass);
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

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String clean(String value) {
        return value == null || NO_VALUE.contains(value.trim()) ? null : value.trim();
    }
}
