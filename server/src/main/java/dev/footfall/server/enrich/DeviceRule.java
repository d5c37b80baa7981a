package dev.footfall.server.enrich;

/**
 * Decides the device type from the User-Agent string and the screen width the tracker sends
 * ({@code screen.width}, CSS pixels, which on phones and tablets is the portrait width whatever
 * the orientation).
 *
 * <p>The rule, in order:
 * <ol>
 *   <li>A UA that admits to a handheld is believed ({@link #fromUserAgent}): an iPad, a
 *       {@code Tablet} token (Firefox on Android tablets), a Kindle or Silk, or Android without
 *       {@code Mobile} (Chrome and Samsung Internet on tablets leave it out, as Google asks) is
 *       {@code TABLET}; an iPhone or iPod, a {@code Mobi} token or Windows Phone is {@code MOBILE}.</li>
 *   <li>Every other UA is {@code DESKTOP} unless the width says otherwise: width below
 *       {@value #MOBILE_BELOW_PX} is {@code MOBILE} (a phone in "request desktop site" mode sends a
 *       desktop UA), below {@value #TABLET_BELOW_PX} is {@code TABLET} (an Android tablet in
 *       desktop mode).</li>
 *   <li>A UA claiming macOS with a width of at most {@value #IPAD_MAX_PX} is {@code TABLET}:
 *       Safari on iPadOS 13+ sends the macOS UA by default, the largest iPad reports 1024, and
 *       no Mac sold in the last ten years has a screen narrower than 1280 CSS pixels.</li>
 *   <li>No width (null, zero or negative): the UA's answer alone.</li>
 * </ol>
 * The breakpoints are Bootstrap's (576 and 992 px), which most sites' own layouts follow.
 * {@link #fromUserAgent} runs once per distinct UA (its answer is cached); {@link #decide} runs
 * per event because the width is per visit.
 */
final class DeviceRule {
    static final int MOBILE_BELOW_PX = 576;
    static final int TABLET_BELOW_PX = 992;
    static final int IPAD_MAX_PX = 1024;

    private DeviceRule() {
    }

    static DeviceType decide(DeviceType fromUa, boolean claimsMacOs, Integer screenWidthPx) {
        if (fromUa != DeviceType.DESKTOP || screenWidthPx == null || screenWidthPx <= 0) {
            return fromUa;
        }
        int width = screenWidthPx;
        if (width < MOBILE_BELOW_PX) {
            return DeviceType.MOBILE;
        }
        if (width < TABLET_BELOW_PX || (claimsMacOs && width <= IPAD_MAX_PX)) {
            return DeviceType.TABLET;
        }
        return DeviceType.DESKTOP;
    }

    /** The device a UA string admits to; {@code osFamily} is the parser's OS name. */
    static DeviceType fromUserAgent(String userAgent, String osFamily) {
        if (userAgent.contains("iPad") || userAgent.contains("Tablet") || userAgent.contains("Kindle")
                || userAgent.contains("Silk/")) {
            return DeviceType.TABLET;
        }
        if (userAgent.contains("iPhone") || userAgent.contains("iPod") || userAgent.contains("Mobi")
                || userAgent.contains("Windows Phone")) {
            return DeviceType.MOBILE;
        }
        return "Android".equals(osFamily) ? DeviceType.TABLET : DeviceType.DESKTOP;
    }
}
