package dev.footfall.server.enrich;

import java.net.URI;
import java.util.Locale;

/**
 * The ad click id a landing page's URL carries, which ad networks add when auto-tagging: Google
 * Ads' {@code gclid}, Microsoft Advertising's {@code msclkid}. Only its presence is used (the
 * channel rules), never the value, which identifies a click and is not stored.
 */
public enum ClickId {
    NONE, GCLID, MSCLKID;

    /** The click id parameter in {@code pageUrl}'s query: the first one named, else {@link #NONE}. */
    public static ClickId fromUrl(URI pageUrl) {
        String query = pageUrl == null ? null : pageUrl.getRawQuery();
        if (query == null || query.isEmpty()) {
            return NONE;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (name.equals("gclid")) {
                return GCLID;
            }
            if (name.equals("msclkid")) {
                return MSCLKID;
            }
        }
        return NONE;
    }
}
