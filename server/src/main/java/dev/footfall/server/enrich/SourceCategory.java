package dev.footfall.server.enrich;

/**
 * What kind of site a source is, as GA4's channel rules ask: the list's {@code search},
 * {@code social} and {@code email} mediums, and video, shopping and AI assistant sites from
 * {@link ChannelSources}. {@link #OTHER} is any other site (a referral) or no site at all.
 */
enum SourceCategory {
    SEARCH, SOCIAL, VIDEO, SHOPPING, EMAIL, AI_ASSISTANT, OTHER;

    /** The category of a referrer list medium; {@code paid}, {@code referral} and {@code unknown} are none. */
    static SourceCategory ofListMedium(String medium) {
        return switch (medium) {
            case "search" -> SEARCH;
            case "social" -> SOCIAL;
            case "email" -> EMAIL;
            default -> OTHER;
        };
    }

    /**
     * The category of a name the list files under several mediums: the first in declaration
     * order wins, so "Google" (search, unknown, paid) is a search engine and "Yandex" (search for
     * yandex.ru, email for mail.yandex.ru) too.
     */
    static SourceCategory strongerOf(SourceCategory a, SourceCategory b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }
}
