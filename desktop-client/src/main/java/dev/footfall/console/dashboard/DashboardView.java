package dev.footfall.console.dashboard;

import dev.footfall.console.api.BreakdownRow;
import dev.footfall.console.api.TimePoint;
import dev.footfall.console.export.Csv;
import dev.footfall.console.export.Png;
import dev.footfall.console.format.Formats;
import dev.footfall.model.stats.Metric;
import dev.footfall.model.stats.MetricValue;
import dev.footfall.model.stats.Property;
import dev.footfall.model.stats.PropertyKind;
import dev.footfall.model.stats.SiteInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The dashboard screen. Its constructor reads as the screen's table of contents: toolbar,
 * banner, filter chips, headline tiles, chart, day drill-down, breakdown panels. All data comes
 * from {@link DashboardModel}; this class only builds nodes and wires them to it.
 */
public final class DashboardView {
    private final DashboardModel model;
    private final Formats formats;
    private final DashboardActions actions;
    private final BorderPane root = new BorderPane();
    private final Label status = new Label();
    private final FilterChips chips;
    /** True while the toolbar is being updated from the model, so its own listeners stay quiet. */
    private boolean syncing;

    public DashboardView(DashboardModel model, Formats formats, DashboardActions actions) {
        this.model = model;
        this.formats = formats;
        this.actions = actions;
        root.setId("dashboard");
        root.getStylesheets().add(DashboardView.class.getResource("dashboard.css").toExternalForm());

        HeadlineTiles headline = new HeadlineTiles(formats);
        model.headline().addListener((obs, old, values) -> headline.show(values));
        model.currentVisitors().addListener((obs, old, n) -> headline.showCurrentVisitors(n.longValue()));

        chips = new FilterChips(model);
        VBox top = new VBox(toolbar(), new ConnectionBanner(model, actions.openServers()).root(), chips.root());
        top.getStyleClass().add("top");
        VBox content = new VBox(16, headline.root(), chartCard(), new DayPages(model, formats).root(), panels());
        content.getStyleClass().add("content");
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setId("dashboard-scroll");
        root.setTop(top);
        root.setCenter(scroll);
        status.setId("status");
        status.getStyleClass().add("status-line");
        root.setBottom(status);
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::shortcut);
    }

    public Parent root() {
        return root;
    }

    public DashboardModel model() {
        return model;
    }

    private HBox toolbar() {
        ComboBox<SiteInfo> site = new ComboBox<>(model.sites());
        site.setId("site");
        site.setPromptText("No sites yet");
        site.setPrefWidth(220);
        site.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(SiteInfo info) {
                return info == null ? "" : info.domain();
            }

            @Override
            public SiteInfo fromString(String text) {
                return model.sites().stream().filter(i -> i.domain().equals(text)).findFirst().orElse(null);
            }
        });
        site.valueProperty().bindBidirectional(model.site());
        Button addSite = button("add-site", "+ Site", "Add a site (Ctrl+N)",
                () -> actions.sites().addSite(root.getScene().getWindow(), added -> model.loadSites(added.domain())));
        Button snippet = button("snippet", "Snippet", "Show the embed snippet of this site",
                () -> {
                    if (model.site().get() != null) {
                        actions.sites().showSnippet(root.getScene().getWindow(), model.site().get().domain());
                    }
                });

        ComboBox<DatePreset> range = new ComboBox<>();
        range.setId("range");
        range.getItems().setAll(DatePreset.values());
        DatePicker from = new DatePicker();
        DatePicker to = new DatePicker();
        from.setId("from");
        to.setId("to");
        for (DatePicker picker : List.of(from, to)) {
            picker.setPrefWidth(130);
            picker.managedProperty().bind(picker.visibleProperty());
        }
        Runnable syncRange = () -> {
            syncing = true;
            DateRange r = model.range().get();
            range.setValue(r.preset());
            from.setValue(r.from());
            to.setValue(r.to());
            from.setVisible(r.preset() == DatePreset.CUSTOM);
            to.setVisible(r.preset() == DatePreset.CUSTOM);
            syncing = false;
        };
        syncRange.run();
        model.range().addListener((obs, old, now) -> syncRange.run());
        range.valueProperty().addListener((obs, old, preset) -> {
            if (syncing || preset == null) {
                return;
            }
            if (preset == DatePreset.CUSTOM) {
                DateRange current = model.range().get();
                model.range().set(DateRange.custom(current.from(), current.to()));
            } else {
                model.range().set(DateRange.of(preset, LocalDate.now()));
            }
        });
        Runnable pickCustom = () -> {
            if (!syncing && from.getValue() != null && to.getValue() != null) {
                model.range().set(DateRange.custom(from.getValue(), to.getValue()));
            }
        };
        from.valueProperty().addListener((obs, old, d) -> pickCustom.run());
        to.valueProperty().addListener((obs, old, d) -> pickCustom.run());
        Button previous = button("previous", "‹", "Previous period (Alt+Left)", () -> model.shift(-1));
        Button next = button("next", "›", "Next period (Alt+Right)", () -> model.shift(1));

        ComboBox<Interval> interval = new ComboBox<>();
        interval.setId("interval");
        interval.getItems().setAll(Interval.values());
        interval.valueProperty().bindBidirectional(model.interval());
        interval.setTooltip(new Tooltip("Chart buckets; follows the range, can be changed"));

        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(20, 20);
        busy.visibleProperty().bind(model.headlineSlot().busy().or(model.chartSlot().busy()));
        Button refresh = button("refresh", "⟳", "Refresh (F5)", model::refresh);
        Button theme = button("theme", "◐", "Light or dark theme (Ctrl+T)", actions.toggleTheme());
        Button servers = button("servers", "Servers…", "Switch server or token", actions.openServers());
        Button help = button("help", "?", "Keyboard shortcuts (F1)", this::showShortcuts);
        Button about = button("about", "About", "About Footfall and the data it uses", this::showAbout);

        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, site, addSite, snippet, grow, busy, previous, range, from, to, next, interval,
                refresh, theme, servers, help, about);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("toolbar");
        return bar;
    }

    private static Button button(String id, String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private VBox chartCard() {
        TrafficChart chart = new TrafficChart(formats, model::drillInto);
        model.series().addListener((ListChangeListener<TimePoint>) c -> {
            chart.conversions(model.chartQuery().goalFiltered());
            chart.show(List.copyOf(model.series()), model.interval().get());
            chart.showPrevious(List.copyOf(model.previousSeries()), model.interval().get());
        });
        model.previousSeries().addListener((ListChangeListener<TimePoint>) c ->
                chart.showPrevious(List.copyOf(model.previousSeries()), model.interval().get()));
        Label title = new Label("Visitors and pageviews");
        title.getStyleClass().add("card-title");
        Label hint = new Label("Click a point to see that day's pages");
        hint.getStyleClass().add("text-muted");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button png = button("chart-png", "PNG", "Save the chart as a PNG image", () -> savePng(chart.node(), "visitors", "chart"));
        png.getStyleClass().addAll("small", "flat");
        CheckBox compare = new CheckBox("Compare");
        compare.setId("compare-toggle");
        compare.setTooltip(new Tooltip("Draw the previous period's visitors: the same number of days just before"));
        compare.selectedProperty().bindBidirectional(model.compare());
        HBox header = new HBox(10, title, hint, grow, compare, png);
        header.setAlignment(Pos.CENTER_LEFT);
        VBox card = new VBox(8, header, chart.node());
        card.setId("chart-card");
        card.getStyleClass().add("card");
        return card;
    }

    private GridPane panels() {
        BreakdownPanel pages = panel("pages", "Pages", false, List.of(
                BreakdownPanel.Spec.of("Top pages", PropertyKind.PAGE, Metric.VISITORS, Metric.PAGEVIEWS),
                BreakdownPanel.Spec.of("Entry pages", PropertyKind.ENTRY_PAGE, Metric.VISITORS, Metric.VISITS),
                BreakdownPanel.Spec.of("Exit pages", PropertyKind.EXIT_PAGE, Metric.VISITS)));
        BreakdownPanel sources = panel("sources", "Sources", false, List.of(
                BreakdownPanel.Spec.of("Sources", PropertyKind.SOURCE, Metric.VISITORS),
                BreakdownPanel.Spec.of("Channels", PropertyKind.CHANNEL, Metric.VISITORS),
                BreakdownPanel.Spec.of("Referrers", PropertyKind.REFERRER, Metric.VISITORS),
                BreakdownPanel.Spec.of("UTM medium", PropertyKind.UTM_MEDIUM, Metric.VISITORS),
                BreakdownPanel.Spec.of("UTM source", PropertyKind.UTM_SOURCE, Metric.VISITORS),
                BreakdownPanel.Spec.of("UTM campaign", PropertyKind.UTM_CAMPAIGN, Metric.VISITORS)));
        BreakdownPanel locations = panel("locations", "Locations", false, List.of(
                BreakdownPanel.Spec.of("Countries", PropertyKind.COUNTRY, Metric.VISITORS),
                BreakdownPanel.Spec.whenAny("Regions", PropertyKind.REGION, Metric.VISITORS),
                BreakdownPanel.Spec.whenAny("Cities", PropertyKind.CITY, Metric.VISITORS)));
        BreakdownPanel devices = panel("devices", "Devices", true, List.of(
                BreakdownPanel.Spec.of("Browser", PropertyKind.BROWSER, Metric.VISITORS),
                BreakdownPanel.Spec.of("Operating system", PropertyKind.OS, Metric.VISITORS),
                BreakdownPanel.Spec.of("Device", PropertyKind.DEVICE, Metric.VISITORS)));
        BreakdownPanel events = panel("events", "Events", false, List.of(
                BreakdownPanel.Spec.of("Custom events", PropertyKind.NAME, Metric.VISITORS, Metric.EVENTS),
                new BreakdownPanel.Spec("Properties", PropertyKind.PROPS, List.of(Metric.VISITORS, Metric.EVENTS), true, false)));
        GridPane grid = new GridPane(16, 16);
        ColumnConstraints half = new ColumnConstraints();
        half.setPercentWidth(50);
        grid.getColumnConstraints().addAll(half, half);
        WorldMap map = new WorldMap(model, formats, node -> savePng(node, "map", "map"));
        grid.add(pages.root(), 0, 0);
        grid.add(sources.root(), 1, 0);
        grid.add(map.root(), 0, 1, 2, 1);
        grid.add(locations.root(), 0, 2);
        grid.add(devices.root(), 1, 2);
        grid.add(events.root(), 0, 3, 2, 1);
        grid.add(new GoalsPanel(model).root(), 0, 4, 2, 1);
        grid.add(new FunnelsPanel(model).root(), 0, 5, 2, 1);
        return grid;
    }

    private BreakdownPanel panel(String id, String title, boolean pie, List<BreakdownPanel.Spec> specs) {
        return new BreakdownPanel(id, title, model, formats, pie, actions.propertyKeys(), this::saveCsv,
                metric -> {
                    MetricValue total = model.headline().get().get(metric);
                    return total != null && total.value() instanceof Number n ? n.doubleValue() : null;
                }, specs);
    }

    private void saveCsv(BreakdownPanel.BreakdownExport export) {
        String name = fileName(export.name()) + ".csv";
        actions.saves().askSavePath(root.getScene().getWindow(), "Export " + export.name(), name, "CSV files", "csv")
                .ifPresent(path -> {
                    // Regions and cities carry a name beside their code: a column of its own, as the server's CSV has.
                    boolean named = export.rows().stream().anyMatch(r -> !r.name().isEmpty());
                    List<String> header = new ArrayList<>();
                    header.add(export.property().rowKey());
                    if (named) {
                        header.add(export.property().rowKey() + "_name");
                    }
                    export.metrics().forEach(m -> header.add(m.wireName()));
                    List<List<String>> rows = new ArrayList<>();
                    for (BreakdownRow row : export.rows()) {
                        List<String> line = new ArrayList<>();
                        line.add(row.value());
                        if (named) {
                            line.add(row.name());
                        }
                        export.metrics().forEach(m -> line.add(plain(row.metric(m.wireName()))));
                        rows.add(line);
                    }
                    try {
                        Csv.write(path, header, rows);
                        report("Saved " + rows.size() + " rows to " + path);
                        remember(export.property());
                    } catch (IOException e) {
                        error("Could not save " + path, e);
                    }
                });
    }

    private void remember(Property property) {
        if (property.kind() == PropertyKind.PROPS) {
            String key = property.propKey();
            List<String> keys = new ArrayList<>(actions.propertyKeys());
            keys.remove(key);
            keys.addFirst(key);
            actions.rememberPropertyKeys().accept(keys.subList(0, Math.min(keys.size(), 10)));
        }
    }

    /** Saves {@code node} as it is drawn now ({@code what} names the file, {@code noun} the message). */
    private void savePng(javafx.scene.Node node, String what, String noun) {
        String name = fileName(what) + ".png";
        actions.saves().askSavePath(root.getScene().getWindow(), "Save " + noun, name, "PNG images", "png")
                .ifPresent(path -> {
                    try {
                        Png.write(node.snapshot(null, null), path);
                        report("Saved the " + noun + " to " + path);
                    } catch (IOException e) {
                        error("Could not save " + path, e);
                    }
                });
    }

    /** "example.com-pages-top-pages-2026-11-01_2026-11-30". */
    private String fileName(String what) {
        SiteInfo site = model.site().get();
        DateRange r = model.range().get();
        LocalDate day = model.day().get();
        String span = day != null ? day.toString() : r.from() + "_" + r.to();
        return ((site == null ? "footfall" : site.domain()) + "-" + what + "-" + span)
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
    }

    /** Whole numbers without decimals, others with a dot: CSV for machines, not the locale. */
    static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }

    private void report(String text) {
        status.setText(text);
    }

    private void error(String header, Exception e) {
        Alert alert = new Alert(Alert.AlertType.ERROR, e.getMessage());
        alert.initOwner(root.getScene().getWindow());
        alert.setHeaderText(header);
        alert.show();
    }

    private void shortcut(KeyEvent e) {
        if (e.getCode() == KeyCode.F5 || e.isShortcutDown() && e.getCode() == KeyCode.R) {
            model.refresh();
        } else if (e.isAltDown() && e.getCode() == KeyCode.LEFT) {
            model.shift(-1);
        } else if (e.isAltDown() && e.getCode() == KeyCode.RIGHT) {
            model.shift(1);
        } else if (e.isShortcutDown() && e.getCode() == KeyCode.T) {
            actions.toggleTheme().run();
        } else if (e.isShortcutDown() && e.getCode() == KeyCode.N) {
            actions.sites().addSite(root.getScene().getWindow(), added -> model.loadSites(added.domain()));
        } else if (e.getCode() == KeyCode.ESCAPE && chips.closeEditor()) {
            // Esc in the filter editor closes it and keeps the chips.
        } else if (e.getCode() == KeyCode.ESCAPE && (model.day().get() != null || !model.filters().isEmpty())) {
            model.day().set(null);
            model.filters().clear();
        } else if (e.getCode() == KeyCode.F1) {
            showShortcuts();
        } else if (e.isShortcutDown() && preset(e.getCode()) != null) {
            DatePreset preset = preset(e.getCode());
            model.range().set(preset == DatePreset.CUSTOM ? DateRange.custom(model.range().get().from(),
                    model.range().get().to()) : DateRange.of(preset, LocalDate.now()));
        } else {
            return;
        }
        e.consume();
    }

    private static DatePreset preset(KeyCode code) {
        for (DatePreset p : DatePreset.values()) {
            if (p.key() == code) {
                return p;
            }
        }
        return null;
    }

    /** Text of the About dialog: what the console is and the attributions its data's licences ask for. */
    static final String ABOUT = """
            Footfall console: self-hosted, privacy-friendly web analytics.

            Countries: IP Geolocation by DB-IP (https://db-ip.com), DB-IP Lite Country,
            licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/),
            bundled with the Footfall server unless its operator configured another database.

            World map: Natural Earth 1:110m admin-0 countries (public domain,
            https://www.naturalearthdata.com) through the world-atlas package (ISC);
            country codes from i18n-iso-countries (MIT).

            Channels: Google Analytics 4's default channel grouping.
            """;

    private void showAbout() {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, ABOUT);
        alert.initOwner(root.getScene().getWindow());
        alert.setTitle("About Footfall");
        alert.setHeaderText("About Footfall");
        alert.getDialogPane().setId("about-dialog");
        alert.show();
    }

    private void showShortcuts() {
        StringBuilder text = new StringBuilder("""
                F5 or Ctrl+R\tRefresh
                Alt+Left / Alt+Right\tPrevious / next period
                Esc\tRemove all filters
                Ctrl+T\tLight / dark theme
                Ctrl+N\tAdd a site
                """);
        for (DatePreset p : DatePreset.values()) {
            text.append(KeyCombination.keyCombination("Shortcut+" + p.key().getName()).getDisplayText())
                    .append('\t').append(p.label()).append('\n');
        }
        Alert alert = new Alert(Alert.AlertType.INFORMATION, text.toString());
        alert.initOwner(root.getScene().getWindow());
        alert.setTitle("Keyboard shortcuts");
        alert.setHeaderText("Keyboard shortcuts");
        alert.show();
    }
}
