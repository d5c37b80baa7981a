package dev.footfall.traffic;

/**
 * One simulated person: a browser on a device, an address, a time zone and a home city in it that
 * stay the same for the whole run, and the site they mostly visit. {@code id} is what the old format sent as
 * {@code user}; {@code ip} is a documentation address (RFC 5737 / RFC 3849), never a real one.
 */
public record Visitor(String id, Profiles.Device device, String ip, String timezone, Places.Place place, int homeSite) {
    public String userAgent() {
        return device.userAgent();
    }
}
