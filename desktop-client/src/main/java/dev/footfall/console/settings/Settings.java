package dev.footfall.console.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything the console remembers between runs: the servers (with tokens), which one is in
 * use, the theme, the last site, date range and interval, and the window bounds. Immutable;
 * the {@code with...} methods return changed copies that {@link SettingsStore} saves.
 *
 * @param range       a {@code DatePreset} name, or {@code CUSTOM} with {@code customFrom}/{@code customTo}
 * @param interval    {@code hour|day|week|month}, or empty to follow the range
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Settings(List<ServerProfile> servers, String currentServer, String theme, String site, String range,
                       String customFrom, String customTo, String interval, List<String> propertyKeys,
                       WindowBounds window) {
    public static final Settings DEFAULT = new Settings(List.of(), "", "light", "", "LAST_30_DAYS", "", "", "",
            List.of(), WindowBounds.DEFAULT);

    public Settings {
        servers = List.copyOf(Objects.requireNonNullElse(servers, List.of()));
        currentServer = Objects.requireNonNullElse(currentServer, "");
        theme = "dark".equals(theme) ? "dark" : "light";
        site = Objects.requireNonNullElse(site, "");
        range = Objects.requireNonNullElse(range, DEFAULT_RANGE);
        customFrom = Objects.requireNonNullElse(customFrom, "");
        customTo = Objects.requireNonNullElse(customTo, "");
        interval = Objects.requireNonNullElse(interval, "");
        propertyKeys = List.copyOf(Objects.requireNonNullElse(propertyKeys, List.of()));
        window = Objects.requireNonNullElse(window, WindowBounds.DEFAULT);
    }

    private static final String DEFAULT_RANGE = "LAST_30_DAYS";

    /** The profile in use, if any. */
    public java.util.Optional<ServerProfile> current() {
        return servers.stream().filter(s -> s.url().equals(currentServer)).findFirst();
    }

    /** Remembers {@code profile} (replacing one with the same URL, moving it to the top) and selects it. */
    public Settings withServer(ServerProfile profile) {
        List<ServerProfile> list = new ArrayList<>();
        list.add(profile);
        servers.stream().filter(s -> !s.url().equals(profile.url())).forEach(list::add);
        return new Settings(list, profile.url(), theme, site, range, customFrom, customTo, interval, propertyKeys,
                window);
    }

    public Settings withoutServer(String url) {
        List<ServerProfile> list = servers.stream().filter(s -> !s.url().equals(url)).toList();
        return new Settings(list, url.equals(currentServer) ? "" : currentServer, theme, site, range, customFrom,
                customTo, interval, propertyKeys, window);
    }

    public Settings withTheme(String value) {
        return new Settings(servers, currentServer, value, site, range, customFrom, customTo, interval, propertyKeys,
                window);
    }

    public Settings withView(String siteValue, String rangeValue, String from, String to, String intervalValue) {
        return new Settings(servers, currentServer, theme, siteValue, rangeValue, from, to, intervalValue,
                propertyKeys, window);
    }

    public Settings withPropertyKeys(List<String> keys) {
        return new Settings(servers, currentServer, theme, site, range, customFrom, customTo, interval, keys, window);
    }

    public Settings withWindow(WindowBounds bounds) {
        return new Settings(servers, currentServer, theme, site, range, customFrom, customTo, interval, propertyKeys,
                bounds);
    }
}
