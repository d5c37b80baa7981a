package dev.footfall.server.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.server.event.Channel;
import dev.footfall.server.event.Source;
import dev.footfall.server.event.Utm;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReferrerClassifierTest {
    private static final ReferrerClassifier CLASSIFIER = ReferrerClassifier.create();
    private static final String PAGE_HOST = "example.com";

    record Case(String name, String referrer, String pageUrl, String source, String normalised) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("google.com search", "https://www.google.com/search?q=footfall", null, "Google", "google.com/search"),
                new Case("google.de front page", "https://www.google.de/", null, "Google", "google.de"),
                new Case("google images by path", "https://www.google.de/imgres?imgurl=x", null, "Google Images", "google.de/imgres"),
                new Case("bing", "https://www.bing.com/search?q=x&form=QBLH", null, "Bing", "bing.com/search"),
                new Case("duckduckgo", "https://duckduckgo.com/", null, "DuckDuckGo", "duckduckgo.com"),
                new Case("t.co", "https://t.co/AbCdEf123", null, "Twitter", "t.co/AbCdEf123"),
                new Case("x.com", "https://x.com/someone/status/1", null, "Twitter", "x.com/someone/status/1"),
                new Case("l.facebook.com", "https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.com", null, "Facebook", "l.facebook.com/l.php"),
                new Case("m.facebook.com", "https://m.facebook.com/", null, "Facebook", "m.facebook.com"),
                new Case("reddit", "https://www.reddit.com/r/java/comments/abc/footfall/", null, "Reddit", "reddit.com/r/java/comments/abc/footfall"),
                new Case("hacker news", "https://news.ycombinator.com/item?id=1", null, "Hacker News", "news.ycombinator.com/item"),
                new Case("youtube respelled", "https://m.youtube.com/watch?v=1", null, "YouTube", "m.youtube.com/watch"),
                new Case("gmail android app", "android-app://com.google.android.gm/", null, "Gmail", "com.google.android.gm"),
                new Case("unknown blog shows its host", "https://www.someones-blog.net/2025/10/post.html#c3", null, "someones-blog.net", "someones-blog.net/2025/10/post.html"),
                new Case("unknown host with port and upper case", "http://Blog.Example.org:8080/a/", null, "blog.example.org", "blog.example.org/a"),
                new Case("self referral", "https://example.com/pricing", null, "Direct / None", ""),
                new Case("self referral via www.", "https://www.example.com/", null, "Direct / None", ""),
                new Case("subdomain of the site is a referrer", "https://docs.example.com/start", null, "docs.example.com", "docs.example.com/start"),
                new Case("empty", "", null, "Direct / None", ""),
                new Case("null", null, null, "Direct / None", ""),
                new Case("garbage", "not a url at all", null, "Direct / None", ""),
                new Case("no host", "https:///path", null, "Direct / None", ""),
                new Case("non-web scheme", "file:///home/me/page.html", null, "Direct / None", ""),
                new Case("about:blank", "about:blank", null, "Direct / None", ""),
                new Case("utm_source overrides the referrer", "https://www.google.com/", "https://example.com/?utm_source=newsletter", "newsletter", "google.com"),
                new Case("utm_source shorthand fb", null, "https://example.com/?utm_source=fb&utm_medium=social", "Facebook", ""),
                new Case("utm_source list name in lower case", "https://l.facebook.com/", "https://example.com/?utm_source=facebook", "Facebook", "l.facebook.com"),
                new Case("utm_source google", null, "https://example.com/?utm_source=google&utm_medium=cpc", "Google", ""),
                new Case("utm_source as a host", null, "https://example.com/?utm_source=news.ycombinator.com", "Hacker News", ""),
                new Case("utm_source on a self referral", "https://example.com/a", "https://example.com/b?utm_source=Spring%20Mail", "Spring Mail", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void classifies(Case c) {
        Utm utm = c.pageUrl() == null ? Utm.NONE : Utm.fromUrl(URI.create(c.pageUrl()));
        Source source = CLASSIFIER.classify(c.referrer(), PAGE_HOST, utm);
        assertEquals(c.source(), source.name());
        assertEquals(c.normalised(), source.referrer());
    }

    @Test
    void nullPageHostAndUtmAreTolerated() {
        assertEquals(new Source("Bing", "bing.com", Channel.ORGANIC_SEARCH), CLASSIFIER.classify("https://bing.com/", null, null));
    }

    @Test
    void longReferrerIsCut() {
        Source source = CLASSIFIER.classify("https://blog.net/" + "a".repeat(2_000), PAGE_HOST, Utm.NONE);
        assertEquals(ReferrerClassifier.MAX_REFERRER_CHARS, source.referrer().length());
    }

    @Test
    void bundledListIsTheMaintainedOne() {
        ReferrerList list = ReferrerList.load();
        assertTrue(list.size() > 1_500, "list has " + list.size() + " keys");
        assertEquals("Bluesky", list.sourceFor("bsky.app", ""));
    }
}
