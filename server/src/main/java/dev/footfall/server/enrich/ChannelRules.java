package dev.footfall.server.enrich;

import dev.footfall.server.event.Channel;
import dev.footfall.server.event.Utm;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * GA4's default channel grouping ("[GA4] Default channel group", Google Analytics Help answer
 * 9756891), as Plausible applies it: the rules are tried in {@link Channel}'s order and the first
 * that matches names the channel. Inputs are the visit's source name, its source category
 * ({@link SourceCategory}: from the referrer list or {@link ChannelSources}), the landing page's UTM
 * parameters (compared in lower case) and its ad click id.
 *
 * <p>Two choices of Footfall's beyond GA4's text, both as Plausible does: AI assistants
 * (ChatGPT, Claude, Perplexity, …) are a channel of their own, tried before search; and an ad
 * click id counts as Paid Search without UTM tags, {@code gclid} from Google and {@code msclkid}
 * from Bing, since auto-tagged ads carry no {@code utm_medium}. Footfall also takes a click id
 * whose referrer the browser withheld (source "Direct / None") as Paid Search: only the ad network
 * adds that parameter. A {@code utm_source} that names an ad product ({@code google_ads},
 * {@code fb_ad}, {@code adwords}) makes a search, social or video source paid like a paid medium.
 *
 * <p>Pure and allocation-free apart from the lower-casing; a few string tests per visit.
 */
final class ChannelRules {
    /** GA4's paid medium: {@code ^(.*cp.*|ppc|retargeting|paid.*)$}. */
    private static final Pattern PAID_MEDIUM = Pattern.compile("^(.*cp.*|ppc|retargeting|paid.*)$");
    /** GA4's shopping campaign: {@code ^(.*(([^a-df-z]|^)shop|shopping).*)$}. */
    private static final Pattern SHOPPING_CAMPAIGN = Pattern.compile("^(.*(([^a-df-z]|^)shop|shopping).*)$");
    /** Footfall's: a {@code utm_source} naming an ad product. */
    private static final Pattern PAID_SOURCE = Pattern.compile("^(adwords|.*[-_ ]ads?)$");
    private static final Pattern AD_SUFFIX = Pattern.compile("[-_ ]ads?$");
    private static final Set<String> DISPLAY_MEDIUMS = Set.of("display", "banner", "expandable", "interstitial", "cpm");
    private static final Set<String> SOCIAL_MEDIUMS = Set.of("social", "social-network", "social-media", "sm", "social network",
            "social media");
    private static final List<String> EMAIL_TAGS = List.of("email", "e-mail", "e_mail", "e mail", "newsletter");
    private static final Set<String> REFERRAL_MEDIUMS = Set.of("referral", "app", "link");

    private ChannelRules() {
    }

    /**
     * The channel of a visit.
     *
     * @param source   the source name ({@code Source.name()}), {@code "Direct / None"} for none
     * @param direct   true when there is no source (no foreign referrer and no {@code utm_source})
     * @param category the source's category
     */
    static Channel channel(String source, boolean direct, SourceCategory category, Utm utm, ClickId click) {
        String name = direct ? "" : source.toLowerCase(Locale.ROOT);
        String medium = utm.medium().toLowerCase(Locale.ROOT);
        String campaign = utm.campaign().toLowerCase(Locale.ROOT);
        String utmSource = utm.source().toLowerCase(Locale.ROOT);
        // None of the three patterns matches an empty value: most visits carry no UTM tags, so skip them.
        boolean paidMedium = !medium.isEmpty() && PAID_MEDIUM.matcher(medium).matches();
        boolean paid = paidMedium || !utmSource.isEmpty() && PAID_SOURCE.matcher(utmSource).matches();
        boolean shoppingCampaign = !campaign.isEmpty() && SHOPPING_CAMPAIGN.matcher(campaign).matches();
        boolean shopping = category == SourceCategory.SHOPPING || shoppingCampaign;
        if (campaign.contains("cross-network")) {
            return Channel.CROSS_NETWORK;
        }
        if (shopping && paidMedium) {
            return Channel.PAID_SHOPPING;
        }
        if ((category == SourceCategory.SEARCH && paid) || clickFromSearchAd(name, direct, click)) {
            return Channel.PAID_SEARCH;
        }
        if (category == SourceCategory.SOCIAL && paid) {
            return Channel.PAID_SOCIAL;
        }
        if (category == SourceCategory.VIDEO && paid) {
            return Channel.PAID_VIDEO;
        }
        if (DISPLAY_MEDIUMS.contains(medium)) {
            return Channel.DISPLAY;
        }
        if (paidMedium) {
            return Channel.PAID_OTHER;
        }
        if (shopping) {
            return Channel.ORGANIC_SHOPPING;
        }
        if (category == SourceCategory.SOCIAL || SOCIAL_MEDIUMS.contains(medium)) {
            return Channel.ORGANIC_SOCIAL;
        }
        if (category == SourceCategory.VIDEO || medium.contains("video")) {
            return Channel.ORGANIC_VIDEO;
        }
        if (category == SourceCategory.AI_ASSISTANT) {
            return Channel.AI_ASSISTANTS;
        }
        if (category == SourceCategory.SEARCH || medium.equals("organic")) {
            return Channel.ORGANIC_SEARCH;
        }
        if (category == SourceCategory.EMAIL || containsAny(utmSource, EMAIL_TAGS) || containsAny(medium, EMAIL_TAGS)) {
            return Channel.EMAIL;
        }
        if (medium.equals("affiliate")) {
            return Channel.AFFILIATES;
        }
        if (medium.equals("audio")) {
            return Channel.AUDIO;
        }
        if (utmSource.equals("sms") || medium.equals("sms")) {
            return Channel.SMS;
        }
        if (medium.endsWith("push") || medium.contains("mobile") || medium.contains("notification") || name.equals("firebase")) {
            return Channel.MOBILE_PUSH_NOTIFICATIONS;
        }
        if (REFERRAL_MEDIUMS.contains(medium) || !direct) {
            return Channel.REFERRAL;
        }
        return Channel.DIRECT;
    }

    /**
     * The site an ad product's {@code utm_source} names ("google_ads" → "google", "fb-ad" → "fb"),
     * whose category makes it paid search, social or video; null when it names no ad product.
     */
    static String adProductSite(String utmSource) {
        String lower = utmSource.toLowerCase(Locale.ROOT);
        if (lower.equals("adwords")) {
            return "google";
        }
        return PAID_SOURCE.matcher(lower).matches() ? AD_SUFFIX.matcher(lower).replaceFirst("") : null;
    }

    private static boolean clickFromSearchAd(String name, boolean direct, ClickId click) {
        return switch (click) {
            case GCLID -> direct || name.equals("google");
            case MSCLKID -> direct || name.equals("bing");
            case NONE -> false;
        };
    }

    private static boolean containsAny(String text, List<String> tags) {
        for (String tag : tags) {
            if (text.contains(tag)) {
                return true;
            }
        }
        return false;
    }
}
