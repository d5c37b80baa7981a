package dev.footfall.server.enrich;

import static dev.footfall.server.enrich.DeviceType.DESKTOP;
import static dev.footfall.server.enrich.DeviceType.MOBILE;
import static dev.footfall.server.enrich.DeviceType.TABLET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UserAgentParserTest {
    private static final Logger LOG = Logger.getLogger(UserAgentParserTest.class.getName());
    private static UserAgentParser parser;
    private static long createMs;
    private static long createdHeapMb;
    private static double firstParseMs;

    @BeforeAll
    static void createOnce() {
        long heapBefore = usedHeapMb();
        long start = System.nanoTime();
        parser = UserAgentParser.create();
        createMs = (System.nanoTime() - start) / 1_000_000;
        createdHeapMb = usedHeapMb() - heapBefore;
        start = System.nanoTime();
        parser.parse("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", null);
        firstParseMs = (System.nanoTime() - start) / 1e6;
    }

    private static long usedHeapMb() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return (rt.totalMemory() - rt.freeMemory()) >> 20;
    }

    record Case(String name, String ua, Integer width, String browser, String version, String os, String osVersion,
                DeviceType device, boolean bot) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("Chrome 131 on Windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                        1920, "Chrome", "131", "Windows", "Unknown", DESKTOP, false),
                new Case("Firefox 133 on Windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
                        null, "Firefox", "133", "Windows", "10", DESKTOP, false),
                new Case("Edge 131 on Windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
                        1536, "Microsoft Edge", "131", "Windows", "10", DESKTOP, false),
                new Case("Opera 116 on Windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/116.0.0.0",
                        1920, "Opera", "116", "Windows", "Unknown", DESKTOP, false),
                new Case("Safari 18 on macOS", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
                        1440, "Safari", "18", "macOS", "10.15", DESKTOP, false),
                new Case("Chrome on macOS", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                        1728, "Chrome", "131", "macOS", "10.15", DESKTOP, false),
                new Case("Firefox on macOS 14.7", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.7; rv:133.0) Gecko/20100101 Firefox/133.0",
                        1512, "Firefox", "133", "macOS", "14.7", DESKTOP, false),
                new Case("Firefox on Linux", "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
                        2560, "Firefox", "133", "Linux", "Unknown", DESKTOP, false),
                new Case("Firefox on Ubuntu", "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
                        1920, "Firefox", "133", "Ubuntu", "Unknown", DESKTOP, false),
                new Case("Chrome on ChromeOS", "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                        1366, "Chrome", "131", "Chrome OS", "131", DESKTOP, false),
                new Case("Chrome on Android phone (reduced UA)", "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
                        412, "Chrome", "131", "Android", "Unknown", MOBILE, false),
                new Case("Chrome on Android tablet", "Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                        800, "Chrome", "131", "Android", "14", TABLET, false),
                new Case("Samsung Internet", "Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36",
                        384, "Samsung Internet", "26", "Android", "14", MOBILE, false),
                new Case("Firefox on Android", "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0",
                        null, "Firefox", "133", "Android", "14", MOBILE, false),
                new Case("Safari on iPhone", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
                        393, "Safari", "17", "iOS", "17.1", MOBILE, false),
                new Case("Chrome on iPhone", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1",
                        430, "Chrome", "131", "iOS", "18.1", MOBILE, false),
                new Case("Safari on iPad (mobile UA)", "Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
                        820, "Safari", "17", "iOS", "17.1", TABLET, false),
                new Case("Safari on iPadOS claiming macOS, screen 820", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
                        820, "Safari", "18", "macOS", "10.15", TABLET, false),
                new Case("Safari on iPad Pro 12.9 claiming macOS, screen 1024", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
                        1024, "Safari", "18", "macOS", "10.15", TABLET, false),
                new Case("phone in desktop mode, screen 390", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                        390, "Chrome", "131", "Linux", "Unknown", MOBILE, false),
                new Case("Googlebot", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                        null, "Googlebot", "2", "Google Cloud", "Unknown", DESKTOP, true),
                new Case("Googlebot smartphone", "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.69 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                        null, "Googlebot", "2", "Google Cloud", "Unknown", MOBILE, true),
                new Case("bingbot", "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
                        null, "Bingbot", "2", "Microsoft Cloud", "Microsoft Azure", DESKTOP, true),
                new Case("GPTBot", "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
                        null, "GPTBot", "1", "Cloud", "Unknown", DESKTOP, true),
                new Case("HeadlessChrome", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
                        1280, "Chrome", "131", "Linux", "Unknown", DESKTOP, true),
                new Case("curl", "curl/8.5.0", null, "Curl", "8", "Cloud", "Unknown", DESKTOP, true),
                new Case("Wget", "Wget/1.21.4", null, "Wget", "1", "Cloud", "Unknown", DESKTOP, true),
                new Case("python-requests", "python-requests/2.32.3", null, "Python-Requests", "2", "Cloud", "Unknown", DESKTOP, true),
                new Case("Go http client", "Go-http-client/1.1", null, "Go http client", "1", "Cloud", "Unknown", DESKTOP, true),
                new Case("Java HttpClient", "Java-http-client/21.0.2", null, "Java-http-client", "21", "Cloud", "Unknown", DESKTOP, true),
                new Case("Apache HttpClient", "Apache-HttpClient/4.5.14 (Java/17.0.2)", null, "Apache-HttpClient", "4", "Cloud", "Unknown", DESKTOP, true),
                new Case("bare Mozilla/5.0", "Mozilla/5.0", null, "Netscape", "5", "Unknown", "Unknown", DESKTOP, true),
                new Case("dash", "-", null, "Unknown", "Unknown", "Unknown", "Unknown", DESKTOP, true),
                new Case("empty", "", null, "Unknown", "Unknown", "Unknown", "Unknown", DESKTOP, true),
                new Case("blank with width", "   ", 400, "Unknown", "Unknown", "Unknown", "Unknown", MOBILE, true),
                new Case("null", null, null, "Unknown", "Unknown", "Unknown", "Unknown", DESKTOP, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parses(Case c) {
        UserAgentInfo info = parser.parse(c.ua(), c.width());
        assertEquals(new UserAgentInfo(c.browser(), c.version(), c.os(), c.osVersion(), c.device(), c.bot()), info);
    }

    @Test
    void cachedResultDoesNotCarryAnotherVisitsWidth() {
        String ipadAsMac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15";
        assertEquals(TABLET, parser.parse(ipadAsMac, 768).device());
        assertEquals(DESKTOP, parser.parse(ipadAsMac, 1440).device());
        assertEquals(DESKTOP, parser.parse(ipadAsMac, null).device());
    }

    @Test
    void hugeUserAgentIsCutBeforeCaching() {
        String huge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) " + "x".repeat(100_000);
        assertEquals(parser.parse(huge, null), parser.parse(huge.substring(0, UserAgentParser.MAX_UA_CHARS), null));
    }

    /** Prints the numbers quoted in UserAgentParser's Javadoc; asserts only generous bounds. */
    @Test
    void measure() {
        uncachedMicros(0, 2_000);
        double uncachedUs = uncachedMicros(2_000, 1_000);
        List<String> uas = cases().stream().map(Case::ua).filter(ua -> ua != null && !ua.isBlank()).toList();
        cachedMicros(uas, 200_000);
        double cachedUs = cachedMicros(uas, 1_000_000);
        LOG.info(String.format("ua parser measured: create %d ms, retained heap %d MB, first parse %.1f ms,"
                + " uncached parse after warm-up %.0f us, cached parse %.2f us (%d UAs cached)",
                createMs, createdHeapMb, firstParseMs, uncachedUs, cachedUs, parser.cachedCount()));
        assertTrue(cachedUs < 50, "cached parse took " + cachedUs + " us");
    }

    /** Average time of parsing {@code count} UA strings never seen before. */
    private static double uncachedMicros(int from, int count) {
        long start = System.nanoTime();
        for (int i = from; i < from + count; i++) {
            String ua = i % 2 == 0
                    ? "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/" + i + ".0.0.0 Safari/537.36"
                    : "Mozilla/5.0 (iPhone; CPU iPhone OS 17_" + i + " like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";
            parser.parse(ua, 400);
        }
        return (System.nanoTime() - start) / 1_000.0 / count;
    }

    private static double cachedMicros(List<String> uas, int rounds) {
        long start = System.nanoTime();
        int bots = 0;
        for (int i = 0; i < rounds; i++) {
            bots += parser.parse(uas.get(i % uas.size()), 1000).bot() ? 1 : 0;
        }
        assertTrue(bots > 0);
        return (System.nanoTime() - start) / 1_000.0 / rounds;
    }
}
