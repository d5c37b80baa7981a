package dev.footfall.server.enrich;

/**
 * Decides the device type from Yauaa's device class and the screen width the tracker sends
 * ({@code screen.width}, CSS pixels, which on phones and tablets is the portrait width whatever
 * the orientation).
 *
 * <p>The rule, in order:
 * <ol>
 *   <li>A UA that admits to a handheld is believed: Yauaa's Phone, Mobile, Watch, Handheld Game
 *       Console and Robot Mobile are {@code MOBILE}; Tablet and eReader are {@code TABLET}.</li>
 *   <li>Every other class (Desktop, TV, Set-top box, Game Console, Anonymized, Unknown, ...) is
 *       {@code DESKTOP} unless the width says otherwise: width below {@value #MOBILE_BELOW_PX} is
 *       {@code MOBILE} (a phone in "request desktop site" mode sends a desktop UA), below
 *       {@value #TABLET_BELOW_PX} is {@code TABLET} (an Android tablet in desktop mode).</li>
 *   <li>A UA claiming macOS with a width of at most {@value #IPAD_MAX_PX} is {@code TABLET}:
 *       Safari on iPadOS 13+ sends the macOS UA by default, the largest iPad reports 1024, and
 *       no Mac sold in the last ten years has a screen narrower than 1280 CSS pixels.</li>
 *   <li>No width (null, zero or negative): Yauaa's answer alone.</li>
 * </ol>
 * The breakpoints are Bootstrap's (576 and 992 px), which most sites' own layouts follow.
 * Costs one string switch per event; it runs after the cache because the width is per visit.
 */
final class DeviceRule {
    static final int MOBILE_BELOW_PX = 576;
    static final int TABLET_BELOW_PX = 992;
    static final int IPAD_MAX_PX = 1024;

    private DeviceRule() {
    }

    static DeviceType decide(String yauaaDeviceClass, boolean claimsMacOs, Integer screenWidthPx) {
        DeviceType fromUa = fromDeviceClass(yauaaDeviceClass);
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

    static DeviceType fromDeviceClass(String yauaaDeviceClass) {
        return switch (yauaaDeviceClass) {
            case "Phone", "Mobile", "Watch", "Handheld Game Console", "Robot Mobile" -> DeviceType.MOBILE;
            case "Tablet", "eReader" -> DeviceType.TABLET;
            case null, default -> DeviceType.DESKTOP;
        };
    }
}
