package dev.footfall.server.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.server.RunningServer;
import dev.footfall.server.TestInfra;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The tracker in a real browser against the real server: one test per feature, each asserting
 * on what the database stored, not only on what the page sent.
 */
class TrackerBrowserTest {
    static RunningServer server;
    static TestSite site;
    ChromeDriver browser;

    @BeforeAll
    static void startServer() throws Exception {
        server = RunningServer.start(TestInfra.freshConfig());
        site = new TestSite(server.uri(""));
    }

    @AfterAll
    static void stopServer() {
        if (site != null) {
            site.close();
        }
        server.close();
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void pageviewOnLoad() {
        browser.get(site.page("/pricing", "data-domain=\"pageview.test\" data-allow-local", "", "<h1>Pricing</h1>"));
        awaitCount(1, () -> pageviews("pageview.test"));
        Map<String, Object> row = server.row("SELECT p.value page, b.value browser, e.screen_width w FROM events e"
                + " JOIN dim_pages p ON p.id = e.page_id JOIN dim_browsers b ON b.id = e.browser_id"
                + " JOIN sites s ON s.id = e.site_id WHERE s.domain = 'pageview.test'");
        assertEquals("/pricing", row.get("page"));
        assertEquals("Chrome", row.get("browser"));
        assertTrue(((Number) row.get("w")).intValue() > 0, "screen width sent");
    }

    @Test
    void spaNavigationCountsEachRoute() {
        browser.get(site.page("/app", "data-domain=\"spa.test\" data-allow-local", "", "<p>app</p>"));
        awaitCount(1, () -> pageviews("spa.test"));
        browser.executeScript("history.pushState({}, '', '/app/settings')");
        browser.executeScript("history.pushState({}, '', '/app/billing')");
        browser.executeScript("history.back()");
        awaitCount(4, () -> pageviews("spa.test"));
        assertEquals(1L, server.count("SELECT COUNT(*) FROM events e JOIN dim_pages p ON p.id = e.page_id"
                + " JOIN sites s ON s.id = e.site_id WHERE s.domain = 'spa.test' AND p.value = '/app/billing'"));
    }

    @Test
    void hashRoutingKeepsTheFragment() {
        browser.get(site.page("/h", "data-domain=\"hash.test\" data-hash data-allow-local", "", "<p>hash</p>"));
        awaitCount(1, () -> pageviews("hash.test"));
        browser.executeScript("location.hash = '#/inbox'");
        awaitCount(2, () -> pageviews("hash.test"));
        assertEquals(1L, server.count("SELECT COUNT(*) FROM events e JOIN dim_pages p ON p.id = e.page_id"
                + " JOIN sites s ON s.id = e.site_id WHERE s.domain = 'hash.test' AND p.value = '/h#/inbox'"));
    }

    @Test
    void customEventWithPropsAndCallback() {
        browser.get(site.page("/signup", "data-domain=\"custom.test\" data-allow-local", "", "<p>signup</p>"));
        awaitCount(1, () -> pageviews("custom.test"));
        Object called = browser.executeAsyncScript("var done = arguments[0];"
                + "footfall('Signup', {props: {plan: 'pro'}, callback: function () { done('called'); }});");
        assertEquals("called", called);
        awaitCount(1, () -> named("custom.test", "Signup"));
        assertEquals(1L, server.count("SELECT COUNT(*) FROM events e JOIN sites s ON s.id = e.site_id"
                + " WHERE s.domain = 'custom.test' AND e.props = '{\"plan\":\"pro\"}'"));
    }

    @Test
    void outboundClickIsSentBeforeNavigating() {
        String target = site.origin().replace("127.0.0.1", "localhost") + "/elsewhere";
        browser.get(site.page("/links", "data-domain=\"outbound.test\" data-outbound-links data-allow-local", "",
                "<a id=out href=\"" + target + "\">out</a>"));
        awaitCount(1, () -> pageviews("outbound.test"));
        browser.findElement(By.id("out")).click();
        awaitCount(1, () -> named("outbound.test", "Outbound Link: Click"));
        awaitTrue(() -> browser.getCurrentUrl().startsWith(target));
        assertTrue(server.row("SELECT props FROM events e JOIN sites s ON s.id = e.site_id WHERE s.domain = 'outbound.test'"
                + " AND e.kind = 2").get("props").toString().contains(target));
    }

    @Test
    void fileDownloadIsTracked() {
        browser.get(site.page("/files", "data-domain=\"download.test\" data-file-downloads data-allow-local", "",
                "<a id=dl href=\"/files/report.pdf\" download>report</a>"));
        awaitCount(1, () -> pageviews("download.test"));
        browser.findElement(By.id("dl")).click();
        awaitCount(1, () -> named("download.test", "File Download"));
    }

    @Test
    void engagementIsSentWhenThePageIsLeft() throws Exception {
        browser.get(site.page("/read", "data-domain=\"engage.test\" data-allow-local", "",
                "<div style=\"height:3000px\">long article</div>"));
        awaitCount(1, () -> pageviews("engage.test"));
        browser.executeScript("window.scrollTo(0, 1200)");
        Thread.sleep(3_600);
        browser.get(site.origin() + "/next");
        awaitCount(1, () -> named("engage.test", "engagement"));
        Map<String, Object> row = server.row("SELECT e.engagement_ms ms, e.scroll_depth sd FROM events e JOIN sites s ON s.id = e.site_id"
                + " WHERE s.domain = 'engage.test' AND e.kind = 3");
        assertTrue(((Number) row.get("ms")).intValue() >= 3_000, "engaged " + row.get("ms"));
        assertTrue(((Number) row.get("sd")).intValue() > 30, "scrolled " + row.get("sd"));
    }

    @Test
    void globalPrivacyControlAndDoNotTrackAreHonoured() throws Exception {
        String gpc = "<script>Object.defineProperty(navigator, 'globalPrivacyControl', {value: true});</script>";
        browser.get(site.page("/gpc", "data-domain=\"gpc.test\" data-allow-local", gpc, "<p>gpc</p>"));
        String dnt = "<script>Object.defineProperty(navigator, 'doNotTrack', {value: '1'});</script>";
        browser.get(site.page("/dnt", "data-domain=\"gpc.test\" data-allow-local", dnt, "<p>dnt</p>"));
        browser.get(site.page("/dnt-off", "data-domain=\"gpc.test\" data-allow-local data-respect-dnt=\"false\"", dnt, "<p>dnt off</p>"));
        awaitCount(1, () -> pageviews("gpc.test"));
        Thread.sleep(1_000);
        assertEquals(1L, pageviews("gpc.test"), "only the page that opted out of honouring DNT is counted");
        assertEquals(1L, server.count("SELECT COUNT(*) FROM events e JOIN dim_pages p ON p.id = e.page_id"
                + " JOIN sites s ON s.id = e.site_id WHERE s.domain = 'gpc.test' AND p.value = '/dnt-off'"));
    }

    @Test
    void localhostAndAutomatedBrowsersAreNotCountedByDefault() throws Exception {
        browser.get(site.page("/local", "data-domain=\"local.test\"", "", "<p>local</p>"));
        Object reason = browser.executeAsyncScript("var done = arguments[0]; var tries = 0;"
                + "(function wait() { if (window.footfall && footfall.status) done(footfall.status.status);"
                + " else if (++tries > 50) done('none'); else setTimeout(wait, 100); })();");
        assertEquals("local", reason);
        browser.get(site.page("/allowed", "data-domain=\"local.test\" data-allow-local", "", "<p>allowed</p>"));
        awaitCount(1, () -> pageviews("local.test"));
        Thread.sleep(500);
        assertEquals(1L, pageviews("local.test"));
    }

    @Test
    void retryAfter503IsCountedOnce() throws Exception {
        browser.get(site.page("/retry", "data-domain=\"retry-browser.test\" data-allow-local data-api=\"" + site.origin()
                + "/flaky/api/event\"", "", "<p>retry</p>"));
        awaitTrue(() -> site.relayed.size() >= 2);
        assertEquals(site.relayed.get(0), site.relayed.get(1), "the retry resends the same event, same id");
        Thread.sleep(500);
        assertEquals(1L, pageviews("retry-browser.test"));
    }

    @Test
    void oldAsyncLoaderWithSiteIdAndQueuedCallsKeepsWorking() {
        String loader = "<script>"
                + "window.footfall = window.footfall || function () { (window.footfall.q = window.footfall.q || []).push(arguments) };"
                + "footfall('Queued Before Load', {props: {step: 'one'}});"
                + "(function () { var s = document.createElement('script'); s.async = true;"
                + " s.src = '" + server.uri("/tracker.js?siteId=loader.test") + "'; s.setAttribute('data-allow-local', '');"
                + " var first = document.getElementsByTagName('script')[0]; first.parentNode.insertBefore(s, first); })();"
                + "</script>";
        site.pages.put("/loader", "<!DOCTYPE html><html><head><meta charset=utf-8>" + loader + "</head><body>old embed</body></html>");
        browser.get(site.origin() + "/loader");
        awaitCount(1, () -> pageviews("loader.test"));
        awaitCount(1, () -> named("loader.test", "Queued Before Load"));
    }

    @Test
    void serverServesTheTrackerCacheably() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var response = client.send(java.net.http.HttpRequest.newBuilder(server.uri("/tracker.js"))
                .header("Accept-Encoding", "gzip").build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElse(""));
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/javascript"));
        assertTrue(response.headers().firstValue("Cache-Control").orElse("").contains("max-age=86400"));
        String etag = response.headers().firstValue("ETag").orElseThrow();
        var revalidated = client.send(java.net.http.HttpRequest.newBuilder(server.uri("/tracker.js"))
                .header("If-None-Match", etag).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        assertEquals(304, revalidated.statusCode());
        var versioned = client.send(java.net.http.HttpRequest.newBuilder(server.uri("/js/tracker." + etag.replace("\"", "") + ".js"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, versioned.statusCode());
        assertTrue(versioned.headers().firstValue("Cache-Control").orElse("").contains("immutable"));
        assertEquals(200, server.get("/tracker-demo.html").statusCode());
    }

    @Test
    void demoPageRecordsAndShowsThePayload() {
        browser.get(server.uri("/tracker-demo.html").toString());
        awaitCount(1, () -> pageviews("127.0.0.1"));
        awaitTrue(() -> browser.findElement(By.id("payload")).getText().contains("\"n\": \"pageview\"")
                || browser.findElement(By.id("payload")).getText().contains("\"n\":\"pageview\""));
        browser.findElement(By.id("custom")).click();
        awaitCount(1, () -> named("127.0.0.1", "Signup"));
    }

    private static long pageviews(String domain) {
        return server.count("SELECT COUNT(*) FROM events e JOIN sites s ON s.id = e.site_id WHERE s.domain = ? AND e.kind = 1", domain);
    }

    private static long named(String domain, String name) {
        return server.count("SELECT COUNT(*) FROM events e JOIN sites s ON s.id = e.site_id JOIN dim_event_names n ON n.id = e.name_id"
                + " WHERE s.domain = ? AND n.value = ?", domain, name);
    }

    private static void awaitCount(long expected, LongSupplier actual) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        long seen = actual.getAsLong();
        while (seen < expected && System.nanoTime() < deadline) {
            sleep();
            seen = actual.getAsLong();
        }
        assertEquals(expected, seen);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met in 15 s");
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
