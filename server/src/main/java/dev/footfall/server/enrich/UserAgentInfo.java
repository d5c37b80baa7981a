package dev.footfall.server.enrich;

import dev.footfall.server.event.Software;
import java.util.Objects;

/**
 * What a User-Agent string says about the visitor's software, reduced to the dimensions
 * Footfall reports: browser and its major version, operating system and a short version,
 * device type, and what kind of sender it is ({@link AgentKind}), from which each ingest route
 * decides whether the event is stored.
 *
 * <p>Strings are never null: anything the parser could not tell is {@value #UNKNOWN}, so the
 * lookup and store layers never branch on null and "Unknown" shows up as one row in reports.
 */
public record UserAgentInfo(
        String browser, String browserVersion, String os, String osVersion, DeviceType device, AgentKind kind) {

    /** The value of every field the parser could not determine. */
    public static final String UNKNOWN = "Unknown";

    public UserAgentInfo {
        browser = orUnknown(browser);
        browserVersion = orUnknown(browserVersion);
        os = orUnknown(os);
        osVersion = orUnknown(osVersion);
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(kind, "kind");
    }

    /** What is stored of it: the device as its label. */
    public Software software() {
        return new Software(browser, browserVersion, os, osVersion, device.label());
    }

    /** Nothing known, and no browser sent it: the answer for a missing or blank User-Agent. */
    public static UserAgentInfo nothing(DeviceType device) {
        return new UserAgentInfo(UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, device, AgentKind.PROGRAM);
    }

    /** The same info with another device type; the cache keeps one info per UA string. */
    UserAgentInfo withDevice(DeviceType newDevice) {
        return newDevice == device ? this : new UserAgentInfo(browser, browserVersion, os, osVersion, newDevice, kind);
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? UNKNOWN : value;
    }
}
