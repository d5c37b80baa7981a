package dev.footfall.server.event;

import java.util.Objects;

/**
 * The visitor's browser, operating system and device as stored: parsed from a User-Agent or, for
 * the replaced system's payload and imports, as the sender named them. Versions are the product's
 * own ("131", "10"); the lookup step stores them with their product name. A device the sender
 * named outside the three known types is kept as sent, so this is text, not {@code DeviceType}.
 */
public record Software(String browser, String browserVersion, String os, String osVersion, String device) {
    public Software {
        Objects.requireNonNull(browser, "browser");
        Objects.requireNonNull(browserVersion, "browserVersion");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(osVersion, "osVersion");
        Objects.requireNonNull(device, "device");
    }
}
