package dev.footfall.server.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.footfall.server.event.Channel;
import dev.footfall.server.event.Utm;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GA4's default channel grouping through the classifier the ingest path uses (the bundled referrer
 * list's categories and {@link ChannelSources}): one case per channel, then the edge cases.
 */
class ChannelRulesTest {
    private static final ReferrerClassifier CLASSIFIER = ReferrerClassifier.create();
    private static final String SITE = "https://shop.example/";

    record Case(String label, String referrer, String landingQuery, Channel channel) {
        @Override
        public String toString() {
            return label + " → " + channel.label();
        }
    }

    static List<Case> oneCasePerChannel() {
        return List.of(
                new Case("cross-network campaign", null, "utm_source=google&utm_medium=cpc&utm_campaign=pmax-cross-network", Channel.CROSS_NETWORK),
                new Case("shopping site, paid medium", null, "utm_source=amazon&utm_medium=cpc", Channel.PAID_SHOPPING),
                new Case("search engine, cpc", "https://www.google.com/", "utm_source=google&utm_medium=cpc", Channel.PAID_SEARCH),
                new Case("social network, paid medium", null, "utm_source=facebook&utm_medium=paid_social", Channel.PAID_SOCIAL),
                new Case("video site, ppc", null, "utm_source=youtube&utm_medium=ppc", Channel.PAID_VIDEO),
                new Case("display medium", null, "utm_source=partner-network&utm_medium=banner", Channel.DISPLAY),
                new Case("paid medium elsewhere", null, "utm_source=podcast-network&utm_medium=paid", Channel.PAID_OTHER),
                new Case("shopping site referrer", "https://www.etsy.com/listing/123", "", Channel.ORGANIC_SHOPPING),
                new Case("social network referrer", "https://www.reddit.com/r/java/", "", Channel.ORGANIC_SOCIAL),
                new Case("video site referrer", "https://www.youtube.com/", "", Channel.ORGANIC_VIDEO),
                new Case("AI assistant referrer", "https://chatgpt.com/", "", Channel.AI_ASSISTANTS),
                new Case("search engine referrer", "https://duckduckgo.com/", "", Channel.ORGANIC_SEARCH),
                new Case("webmail referrer", "https://mail.google.com/mail/u/0/", "", Channel.EMAIL),
                new Case("affiliate medium", null, "utm_source=couponsite&utm_medium=affiliate", Channel.AFFILIATES),
                new Case("audio medium", null, "utm_source=spotify-ads-studio&utm_medium=audio", Channel.AUDIO),
                new Case("sms source", null, "utm_source=sms&utm_campaign=winter", Channel.SMS),
                new Case("push medium", null, "utm_source=app&utm_medium=push", Channel.MOBILE_PUSH_NOTIFICATIONS),
                new Case("unknown site referrer", "https://someones-blog.net/post", "", Channel.REFERRAL),
                new Case("nothing at all", null, "", Channel.DIRECT));
    }

    static List<Case> edgeCases() {
        return List.of(
                // Paid medium patterns: GA4's ^(.*cp.*|ppc|retargeting|paid.*)$.
                new Case("medium cpm is display, not paid other", null, "utm_source=news-portal&utm_medium=cpm", Channel.DISPLAY),
                new Case("medium cpm on a search engine is paid search", null, "utm_source=bing&utm_medium=cpm", Channel.PAID_SEARCH),
                new Case("medium cpv on a search engine", null, "utm_source=bing&utm_medium=cpv", Channel.PAID_SEARCH),
                new Case("medium ppc on a search engine", null, "utm_source=duckduckgo&utm_medium=ppc", Channel.PAID_SEARCH),
                new Case("medium retargeting, social", null, "utm_source=instagram&utm_medium=retargeting", Channel.PAID_SOCIAL),
                new Case("medium paid-search, capitals", null, "utm_source=Google&utm_medium=Paid-Search", Channel.PAID_SEARCH),
                new Case("medium 'unpaid' is not paid", null, "utm_source=partner-site&utm_medium=unpaid", Channel.REFERRAL),
                new Case("ad product utm_source on a search engine", "https://www.google.com/", "utm_source=google_ads", Channel.PAID_SEARCH),
                new Case("ad product utm_source on a social network", null, "utm_source=fb-ad", Channel.PAID_SOCIAL),
                new Case("shopping campaign with a paid medium", null, "utm_source=meta&utm_medium=cpc&utm_campaign=summer-shop", Channel.PAID_SHOPPING),
                new Case("'workshop' campaign is no shopping", null, "utm_source=meetup&utm_campaign=workshop", Channel.REFERRAL),
                new Case("shopping campaign, organic", null, "utm_source=blog&utm_campaign=shopping-guide", Channel.ORGANIC_SHOPPING),
                // Click ids with no UTM tags.
                new Case("gclid from Google", "https://www.google.com/", "gclid=Cj0KCQ", Channel.PAID_SEARCH),
                new Case("msclkid from Bing", "https://www.bing.com/", "msclkid=abc123", Channel.PAID_SEARCH),
                new Case("gclid, referrer withheld", null, "gclid=Cj0KCQ", Channel.PAID_SEARCH),
                new Case("gclid on a Reddit referral is not search", "https://www.reddit.com/", "gclid=Cj0KCQ", Channel.ORGANIC_SOCIAL),
                new Case("msclkid from Google is not Bing's ad", "https://www.google.com/", "msclkid=abc", Channel.ORGANIC_SEARCH),
                // Email in medium or source.
                new Case("email medium, no referrer", null, "utm_medium=email", Channel.EMAIL),
                new Case("e-mail medium spelling", null, "utm_source=acme&utm_medium=E-Mail", Channel.EMAIL),
                new Case("newsletter in utm_source", null, "utm_source=weekly-newsletter", Channel.EMAIL),
                new Case("email source beats a search referrer", "https://www.google.com/", "utm_source=email", Channel.EMAIL),
                // AI assistants, including one the referrer list files under a search engine's name.
                new Case("Perplexity", "https://www.perplexity.ai/search/abc", "", Channel.AI_ASSISTANTS),
                new Case("Gemini on google.com's domain", "https://gemini.google.com/app", "", Channel.AI_ASSISTANTS),
                new Case("Claude by utm_source", null, "utm_source=claude.ai", Channel.AI_ASSISTANTS),
                new Case("AI assistant with a paid medium is paid other", "https://chatgpt.com/", "utm_medium=cpc", Channel.PAID_OTHER),
                // Other mediums and sources.
                new Case("organic medium is search", null, "utm_source=some-portal&utm_medium=organic", Channel.ORGANIC_SEARCH),
                new Case("social medium", null, "utm_source=mastodon.example&utm_medium=social", Channel.ORGANIC_SOCIAL),
                new Case("video in the medium", null, "utm_source=partner&utm_medium=video-embed", Channel.ORGANIC_VIDEO),
                new Case("referral medium, no referrer", null, "utm_medium=referral", Channel.REFERRAL),
                new Case("firebase source", null, "utm_source=firebase", Channel.MOBILE_PUSH_NOTIFICATIONS),
                new Case("self referral is direct", SITE + "cart", "", Channel.DIRECT),
                new Case("TikTok, unknown to the list", "https://www.tiktok.com/@shop", "", Channel.ORGANIC_SOCIAL),
                new Case("Webmail by utm_source name", null, "utm_source=gmail", Channel.EMAIL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneCasePerChannel")
    void eachChannel(Case c) {
        assertEquals(c.channel(), channelOf(c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edgeCases")
    void edges(Case c) {
        assertEquals(c.channel(), channelOf(c));
    }

    @Test
    void everyChannelHasACase() {
        Set<Channel> covered = oneCasePerChannel().stream().map(Case::channel).collect(Collectors.toCollection(() -> EnumSet.noneOf(Channel.class)));
        assertEquals(EnumSet.allOf(Channel.class), covered);
    }

    @Test
    void labelsRoundTrip() {
        for (Channel c : Channel.values()) {
            assertEquals(c, Channel.ofLabel(c.label()));
        }
    }

    private static Channel channelOf(Case c) {
        URI landing = URI.create(SITE + (c.landingQuery().isEmpty() ? "" : "?" + c.landingQuery()));
        return CLASSIFIER.classify(c.referrer(), "shop.example", Utm.fromUrl(landing), ClickId.fromUrl(landing)).channel();
    }
}
