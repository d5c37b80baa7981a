package dev.footfall.server.enrich;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Source categories the referrer list lacks or files differently, for the channel rules: video
 * and shopping sites, which the list has no medium for; AI assistants; and a few social networks
 * and search engines it does not know. Keys are lower-case source names as {@link ReferrerClassifier}
 * produces them: the list's display name ("youtube") or the host of an unknown site
 * ("chatgpt.com"), looked up also without leading labels ({@code m.tiktok.com} finds
 * {@code tiktok.com}). An entry here wins over the list's medium (the list files YouTube and Vimeo
 * under social, GA4 under video; Amazon under search, GA4 under shopping).
 *
 * <p>Where the entries come from: video and shopping are the best-known sites of GA4's published
 * source categories (Google Analytics Help, "[GA4] Default channel group", answer 9756891, its
 * downloadable source-category list); AI assistants are the ones Plausible's channel grouping
 * names (ChatGPT, Claude, Gemini, Copilot, Perplexity, DeepSeek, Grok, Phind) and the hosts they
 * refer from; social and search additions are networks and engines with their own hosts that
 * arrived after the list's Snowplow ancestry (TikTok, Discord, Ecosia, Brave Search, Kagi). To add
 * one, add a line; {@code ChannelRulesTest} names a case per category.
 */
final class ChannelSources {
    private static final Map<SourceCategory, List<String>> ENTRIES = Map.of(
            SourceCategory.VIDEO, List.of("youtube", "youtube.com", "m.youtube.com", "youtu.be", "vimeo", "vimeo.com",
                    "twitch", "twitch.tv", "dailymotion", "dailymotion.com", "wistia", "wistia.com", "ted.com",
                    "netflix.com", "hulu.com", "primevideo.com", "disneyplus.com", "bilibili.com", "iqiyi.com",
                    "youku.com", "rumble.com"),
            SourceCategory.SHOPPING, List.of("amazon", "amazon.com", "amazon.de", "amazon.co.uk", "amazon.fr", "amazon.co.jp",
                    "ebay", "ebay.com", "ebay.de", "etsy.com", "walmart.com", "shopify.com", "shop.app", "aliexpress.com",
                    "alibaba.com", "temu.com", "mercadolibre.com", "rakuten.co.jp", "target.com", "bestbuy.com",
                    "zalando.de", "idealo.de", "shopping.google.com", "google shopping"),
            SourceCategory.AI_ASSISTANT, List.of("chatgpt", "chatgpt.com", "chat.openai.com", "openai.com", "claude", "claude.ai",
                    "perplexity", "perplexity.ai", "gemini", "google gemini", "gemini.google.com", "bard.google.com",
                    "copilot", "copilot.microsoft.com", "deepseek", "chat.deepseek.com", "grok", "grok.com", "phind",
                    "phind.com", "chat.mistral.ai", "meta.ai", "poe.com"),
            SourceCategory.SOCIAL, List.of("tiktok", "tiktok.com", "discord", "discord.com", "discord.gg", "telegram",
                    "t.me", "web.telegram.org", "slack", "app.slack.com", "snapchat.com", "lemmy.world", "news.ycombinator.com",
                    "x.com", "t.co", "bsky.app", "threads.net", "threads.com", "producthunt.com", "teams.microsoft.com"),
            SourceCategory.SEARCH, List.of("ecosia", "ecosia.org", "brave", "search.brave.com", "kagi", "kagi.com",
                    "startpage.com", "qwant.com", "search.yahoo.com", "yandex.com", "sogou.com"),
            SourceCategory.EMAIL, List.of("mail.google.com", "outlook.live.com", "outlook.office.com", "mail.yahoo.com",
                    "mail.proton.me", "mail.zoho.com"));

    private final Map<String, SourceCategory> byName;

    private ChannelSources(Map<String, SourceCategory> byName) {
        this.byName = byName;
    }

    static ChannelSources create() {
        Map<String, SourceCategory> map = new HashMap<>();
        ENTRIES.forEach((category, names) -> names.forEach(n -> map.put(n, category)));
        return new ChannelSources(Map.copyOf(map));
    }

    /** The category of a source name (any case), or null when this list has none. */
    SourceCategory categoryOf(String sourceName) {
        String name = sourceName.toLowerCase(Locale.ROOT);
        while (true) {
            SourceCategory found = byName.get(name);
            if (found != null) {
                return found;
            }
            int dot = name.indexOf('.');
            if (dot < 0 || name.indexOf('.', dot + 1) < 0) {
                return null;
            }
            name = name.substring(dot + 1);
        }
    }
}
