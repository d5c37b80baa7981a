package dev.footfall.server.enrich;

import static dev.footfall.server.enrich.AgentKind.BROWSER;
import static dev.footfall.server.enrich.AgentKind.PROGRAM;
import static dev.footfall.server.enrich.AgentKind.ROBOT;
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
                DeviceType device, AgentKind kind) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("Chrome 131 on Windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                        1920, "Chrome", "131", "Windows", "10", DESKTOP, BROWSER),
                new Case("Firefox 133 on Windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
                        null, "Firefox", "133", "Windows", "10", DESKTOP, BROWSER),
                new Case("Edge 131 on Windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
                        1536, "Microsoft Edge", "131", "Windows", "10", DESKTOP, BROWSER),
                new Case("Opera 116 on Windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/116.0.0.0",
                        1920, "Opera", "116", "Windows", "10", DESKTOP, BROWSER),
                new Case("Safari 18 on macOS", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
                        1440, "Safari", "18", "macOS", "10.15", DESKTOP, BROWSER),
                new Case("Chrome on macOS", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                        1728, "Chrome", "131", "macOS", "10.15", DESKTOP, BROWSER),
                new Case("Firefox on macOS 14.7", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.7; rv:133.0) Gecko/20100101 Firefox/133.0",
                        1512, "Firefox", "133", "macOS", "14.7", DESKTOP, BROWSER),
                new Case("Firefox on Linux", "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
                        2560, "Firefox", "133", "Linux", "Unknown", DESKTOP, BROWSER),
                new Case("Firefox on Ubuntu", "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
                        1920, "Firefox", "133", "Ubuntu", "Unknown", DESKTOP, BROWSER),
                new Case("Chrome on ChromeOS", "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                        1366, "Chrome", "131", "Chrome OS", "14541.0", DESKTOP, BROWSER),
                new Case("Chrome on Android phone (reduced UA)", "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
                        412, "Chrome", "131", "Android", "Unknown", MOBILE, BROWSER),
                new Case("Chrome on Android tablet", "Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                        800, "Chrome", "131", "Android", "14", TABLET, BROWSER),
                new Case("Samsung Internet", "Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36",
                        384, "Samsung Internet", "26", "Android", "14", MOBILE, BROWSER),
                new Case("Firefox on Android", "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0",
                        null, "Firefox", "133", "Android", "14", MOBILE, BROWSER),
                new Case("Safari on iPhone", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
                        393, "Safari", "17", "iOS", "17.1", MOBILE, BROWSER),
                new Case("Chrome on iPhone", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1",
                        430, "Chrome", "131", "iOS", "18.1", MOBILE, BROWSER),
                new Case("Safari on iPad (mobile UA)", "Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
                        820, "Safari", "17", "iOS", "17.1", TABLET, BROWSER),
                new Case("Safari on iPadOS claiming macOS, screen 820", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
                        820, "Safari", "18", "macOS", "10.15", TABLET, BROWSER),
                new Case("Safari on iPad Pro 12.9 claiming macOS, screen 1024", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
                        1024, "Safari", "18", "macOS", "10.15", TABLET, BROWSER),
                new Case("phone in desktop mode, screen 390", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                        390, "Chrome", "131", "Linux", "Unknown", MOBILE, BROWSER),
                new Case("Googlebot", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                        null, "Googlebot", "2", "Unknown", "Unknown", DESKTOP, ROBOT),
                new Case("Googlebot smartphone", "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.69 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                        null, "Googlebot", "2", "Android", "6.0", MOBILE, ROBOT),
                new Case("bingbot", "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
                        null, "bingbot", "2", "Unknown", "Unknown", DESKTOP, ROBOT),
                new Case("GPTBot", "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
                        null, "GPTBot", "1", "Unknown", "Unknown", DESKTOP, ROBOT),
                new Case("HeadlessChrome", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
                        1280, "HeadlessChrome", "131", "Linux", "Unknown", DESKTOP, ROBOT),
                new Case("bingbot dressed as Chrome", "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/131.0.0.0 Safari/537.36",
                        null, "bingbot", "2", "Unknown", "Unknown", DESKTOP, ROBOT),
                new Case("Baiduspider", "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
                        null, "Baiduspider", "2", "Unknown", "Unknown", DESKTOP, ROBOT),
                new Case("a crawler the parser has never seen", "Mozilla/5.0 (compatible; NewCrawler/0.1)",
                        null, "NewCrawler", "0", "Unknown", "Unknown", DESKTOP, ROBOT),
                new Case("facebookexternalhit", "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
                        null, "FacebookBot", "1", "Unknown", "Unknown", DESKTOP, ROBOT),
                new Case("PhantomJS", "Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1",
                        null, "PhantomJS", "2", "Linux", "Unknown", DESKTOP, ROBOT),
                new Case("Selenium", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Selenium",
                        null, "Chrome", "120", "Windows", "10", DESKTOP, ROBOT),
                new Case("Playwright, which parsers take for Chrome", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Playwright/1.49",
                        null, "Chrome", "131", "macOS", "10.15", DESKTOP, ROBOT),
                new Case("Lighthouse", "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 Chrome-Lighthouse",
                        null, "Chrome", "131", "Android", "11", MOBILE, ROBOT),
                new Case("Cubot phone: a brand, not a bot", "Mozilla/5.0 (Linux; Android 9; CUBOT X20 PRO) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36",
                        null, "Chrome", "120", "Android", "9", MOBILE, BROWSER),
                new Case("Facebook in-app browser on iPhone", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/470.0.0.40.98;FBBV/620000000;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/17.5;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5]",
                        null, "Facebook", "470", "iOS", "17.5", MOBILE, BROWSER),
                new Case("Instagram in-app browser on iPhone", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 334.0.4.32.98 (iPhone15,2; iOS 17_5; en_US; en; scale=3.00; 1179x2556; 608376523)",
                        null, "Instagram", "334", "iOS", "17.5", MOBILE, BROWSER),
                new Case("Android web view in an app", "Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240805.005; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/127.0.6533.103 Mobile Safari/537.36 com.example.shop/5.2.1",
                        null, "Chrome Webview", "127", "Android", "14", MOBILE, BROWSER),
                new Case("bare iOS web view: only an engine, no browser name", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)",
                        390, "Unknown", "Unknown", "iOS", "17.5", MOBILE, BROWSER),
                new Case("in-app web view with an unknown app name", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Select Home/2.0",
                        390, "Unknown", "Unknown", "iOS", "17.5", MOBILE, BROWSER),
                new Case("a new browser the rules do not name", "Mozilla/5.0 (X11; Linux x86_64) Ladybird/1.0",
                        null, "Unknown", "Unknown", "Linux", "Unknown", DESKTOP, BROWSER),
                new Case("bare name Chrome", "Chrome", null, "Unknown", "Unknown", "Unknown", "Unknown", DESKTOP, PROGRAM),
                new Case("bare name Edge", "Edge", null, "Unknown", "Unknown", "Unknown", "Unknown", DESKTOP, PROGRAM),
                new Case("node", "node", null, "Unknown", "Unknown", "Unknown", "Unknown", DESKTOP, PROGRAM),
                new Case("node-fetch, with a URL as crawlers have", "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)", null, "Unknown", "Unknown", "Unknown", "Unknown", DESKTOP, PROGRAM),
                new Case("axios", "axios/1.7.2", null, "axios", "1", "Unknown", "Unknown", DESKTOP, PROGRAM),
                new Case("curl", "curl/8.5.0", null, "curl", "8", "Unknown", "Unknown", DESKTOP, PROGRAM),
                new Case("Wget", "Wget/1.21.4", null, "Wget", "1", "Unknown", "Unknown", DESKTOP, PROGRAM),
                new Case("python-requests", "python-requests/2.32.3", null, "Python Requests", "2", "Unknown", "Unknown", DESKTOP, PROGRAM),
                new Case("Go http client", "Go-http-client/1.1", null, "Go-http-client", "1", "Unknown", "Unknown", DESKTOP, PROGRAM),
                new Case("Java HttpClient", "Java-http-client/21.0.2", null, "Unknown", "Unknown", "Unknown", "Unknown", DESKTOP, PROGRAM),
                new Case("Apache HttpClient", "Apache-HttpClient/4.5.14 (Java/17.0.2)", null, "Apache-HttpClient", "4", "Unknown", "Unknown", DESKTOP, PROGRAM),
                new Case("bare Mozilla/5.0", "Mozilla/5.0", null, "Unknown", "Unknown", "Unknown", "Unknown", DESKTOP, PROGRAM),
                new Case("dash", "-", null, "Unknown", "Unknown", "Unknown", "Unknown", DESKTOP, PROGRAM),
                new Case("empty", "", null, "Unknown", "Unknown", "Unknown", "Unknown", DESKTOP, PROGRAM),
                new Case("blank with width", "   ", 400, "Unknown", "Unknown", "Unknown", "Unknown", MOBILE, PROGRAM),
                new Case("null", null, null, "Unknown", "Unknown", "Unknown", "Unknown", DESKTOP, PROGRAM));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parses(Case c) {
        UserAgentInfo info = parser.parse(c.ua(), c.width());
        assertEquals(new UserAgentInfo(c.browser(), c.version(), c.os(), c.osVersion(), c.device(), c.kind()), info);
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
            bots += parser.parse(uas.get(i % uas.size()), 1000).kind() == ROBOT ? 1 : 0;
        }
        assertTrue(bots > 0);
        return (System.nanoTime() - start) / 1_000.0 / rounds;
    }
}
