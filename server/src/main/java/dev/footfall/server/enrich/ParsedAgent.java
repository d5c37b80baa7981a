package dev.footfall.server.enrich;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One User-Agent string as Footfall sees it, before the per-visit screen width is applied:
 * the {@link UserAgentInfo} with the device type the UA alone implies, plus Yauaa's raw device
 * class and whether the UA claims macOS, which {@link DeviceRule} needs. This is what the
 * parser caches per distinct UA string (estimated 300 to 500 bytes an entry).
 *
 * <p>{@link #of} holds the naming and bot rules. Names are Yauaa's, with the few spellings
 * Plausible shows differently mapped ({@code SamsungBrowser} to "Samsung Internet",
 * {@code Windows NT} to "Windows"). Versions are kept short: the browser's major version and
 * the OS version cut to major.minor, so one dimension row covers a whole release.
 */
record ParsedAgent(UserAgentInfo info, String deviceClass, boolean claimsMacOs) {

    /** UAs shorter than this are scripts or probes; real browsers send 70 characters or more. */
    static final int MIN_BROWSER_UA_CHARS = 20;

    private static final Set<String> BOT_DEVICE_CLASSES =
            Set.of("Robot", "Robot Mobile", "Robot Imitator", "Hacker", "Spy");
    private static final Set<String> BOT_AGENT_CLASSES =
            Set.of("Robot", "Robot Mobile", "Robot Imitator", "Cloud Application", "Special", "Testclient", "Hacker");
    /** Safety net for automation Yauaa files under a browser class; matched case-insensitively. */
    private static final Set<String> BOT_MARKERS = Set.of("headless", "phantomjs", "lighthouse", "puppeteer");
    /** HTTP client libraries, by UA prefix (lower case); Yauaa knows them too, this pins them. */
    private static final Set<String> CLIENT_PREFIXES = Set.of("curl/", "wget/", "python-requests/", "python-urllib/",
            "go-http-client/", "java/", "java-http-client/", "apache-httpclient/", "okhttp/", "jetty/");
    private static final Map<String, String> BROWSER_NAMES = Map.of("SamsungBrowser", "Samsung Internet",
            "Edge", "Microsoft Edge");
    private static final Map<String, String> OS_NAMES = Map.of("Windows NT", "Windows", "Mac OS", "macOS",
            "Mac OS X", "macOS");
    private static final Set<String> NO_VALUE = Set.of("", "??", "Unknown", "Hacker");
    private static final int MAX_VERSION_CHARS = 16;

    static ParsedAgent of(String userAgent, String deviceClass, String agentClass, String agentName,
                          String agentVersionMajor, String osName, String osVersion) {
        boolean bot = isBot(userAgent, orEmpty(deviceClass), orEmpty(agentClass), orEmpty(agentName));
        String os = clean(osName);
        UserAgentInfo info = new UserAgentInfo(
                renamed(BROWSER_NAMES, clean(agentName)),
                shortVersion(agentVersionMajor, 1),
                renamed(OS_NAMES, os),
                shortVersion(osVersion, 2),
                DeviceRule.fromDeviceClass(deviceClass),
                bot);
        return new ParsedAgent(info, deviceClass, "Mac OS".equals(os) || "Mac OS X".equals(os));
    }

    static boolean isBot(String userAgent, String deviceClass, String agentClass, String agentName) {
        if (userAgent.length() < MIN_BROWSER_UA_CHARS
                || BOT_DEVICE_CLASSES.contains(deviceClass)
                || BOT_AGENT_CLASSES.contains(agentClass)) {
            return true;
        }
        if ("Unknown".equals(deviceClass) && (NO_VALUE.contains(agentName) || "Netscape".equals(agentName))) {
            return true;
        }
        String lower = userAgent.toLowerCase(Locale.ROOT);
        for (String marker : BOT_MARKERS) {
            if (lower.contains(marker)) {
                return true;
            }
        }
        for (String prefix : CLIENT_PREFIXES) {
            if (lower.startsWith(prefix)) {
                return true;
            }
        }
        return false;
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
