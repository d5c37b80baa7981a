package dev.footfall.console.dashboard;

import dev.footfall.console.export.SaveDialogs;
import dev.footfall.console.sites.SiteDialogs;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the dashboard asks of the rest of the console: switch server, switch theme, where to
 * save exports, the site dialogs, and the remembered event-property names.
 */
public record DashboardActions(Runnable openServers, Runnable toggleTheme, SaveDialogs saves, SiteDialogs sites,
                               List<String> propertyKeys, Consumer<List<String>> rememberPropertyKeys) {
}
