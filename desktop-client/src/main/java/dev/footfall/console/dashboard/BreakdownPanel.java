package dev.footfall.console.dashboard;

import dev.footfall.console.api.BreakdownRow;
import dev.footfall.console.format.Formats;
import dev.footfall.console.format.Names;
import dev.footfall.model.stats.Filter;
import dev.footfall.model.stats.Metric;
import dev.footfall.model.stats.Property;
import dev.footfall.model.stats.PropertyKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.chart.PieChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * A card of breakdown tables in tabs (Pages: top, entry, exit; Sources: ...). Only the visible
 * tab loads; the others reload when shown. A tab's table (and pie) is built when the tab is first
 * shown: nine of the dashboard's fourteen tables start hidden, and skinning and styling them
 * delayed the first paint. Each row shows its share of the period's total as a
 * bar behind its label; clicking a row filters the whole dashboard by it. A tab that exists only
 * with data (Regions, Cities) is disabled while its breakdown is empty. Tables have the id
 * {@code table-<property with ':' as '-'>}, e.g. {@code table-visit-source}.
 */
final class BreakdownPanel {
    static final int LIMIT = 10;

    /**
     * One tab: a fixed property, or {@code event:props:} plus a key chosen in the tab.
     * {@code onlyWithData}: the tab is disabled while its breakdown is empty (regions and cities,
     * which exist only with a city database on the server), so it loads with every reload, shown or not.
     */
    record Spec(String title, PropertyKind kind, List<Metric> metrics, boolean chooseKey, boolean onlyWithData) {
        static Spec of(String title, PropertyKind kind, Metric... metrics) {
            return new Spec(title, kind, List.of(metrics), false, false);
        }

        static Spec whenAny(String title, PropertyKind kind, Metric... metrics) {
            return new Spec(title, kind, List.of(metrics), false, true);
        }

        /** {@code visit-source}, {@code event-props-}: the tab's and table's id part. */
        String idPart() {
            return kind.wireName().replace(':', '-');
        }
    }

    /** A tab's table, the property it shows now and whether its rows are older than the selection. */
    private final class Section {
        final Spec spec;
        final TableView<BreakdownRow> table = new TableView<>();
        final LoadSlot slot = new LoadSlot();
        final ComboBox<String> key = new ComboBox<>();
        final Tab tab;
        /** The tab's pie (Devices only); null until the tab is first shown. */
        PieChart pie;
        /** True when the selection changed since this tab last loaded. */
        boolean stale = true;

        Section(Spec spec) {
            this.spec = spec;
            tab = new Tab(spec.title);
            tab.setId("tab-" + spec.idPart());
            tab.setDisable(spec.onlyWithData);
        }

        /** The property shown now; null while a property tab has no key typed. */
        Property property() {
            if (!spec.chooseKey) {
                return Property.of(spec.kind);
            }
            String k = key.getValue() == null ? "" : key.getValue().strip();
            return k.isEmpty() ? null : new Property(PropertyKind.PROPS, k);
        }
    }

    private final String title;
    private final DashboardModel model;
    private final Formats formats;
    private final Function<Metric, Double> totals;
    private final Consumer<BreakdownExport> onExport;
    private final boolean withPie;
    private final VBox root = new VBox(8);
    private final TabPane tabs = new TabPane();
    private final List<Section> sections = new ArrayList<>();
    private final List<String> knownKeys;

    /** A panel's rows as shown, for CSV export. */
    record BreakdownExport(String name, Property property, List<Metric> metrics, List<BreakdownRow> rows) {
    }

    /**
     * @param totals the period's total of a metric (from the headline), the denominator of the
     *               share bars; null when unknown, then the shown rows' sum is used
     */
    BreakdownPanel(String id, String title, DashboardModel model, Formats formats, boolean withPie,
                   List<String> knownKeys, Consumer<BreakdownExport> onExport, Function<Metric, Double> totals,
                   List<Spec> specs) {
        this.title = title;
        this.model = model;
        this.formats = formats;
        this.withPie = withPie;
        this.onExport = onExport;
        this.totals = totals;
        this.knownKeys = knownKeys;
        root.setId(id);
        root.getStyleClass().addAll("card", "breakdown");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        for (Spec spec : specs) {
            Section section = new Section(spec);
            sections.add(section);
            tabs.getTabs().add(section.tab);
        }
        build(sections.getFirst());
        tabs.getSelectionModel().selectedIndexProperty().addListener((obs, old, index) -> {
            Section s = sections.get(index.intValue());
            if (s.tab.getContent() == null) {
                build(s);
            }
            if (s.stale) {
                load(s);
            }
        });
        root.getChildren().addAll(header(), tabs);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        model.addPanel(this::reload);
        model.headline().addListener((obs, old, now) -> sections.forEach(s -> s.table.refresh()));
    }

    Region root() {
        return root;
    }

    private HBox header() {
        Label heading = new Label(title);
        heading.getStyleClass().add("card-title");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> sections.stream().anyMatch(s -> s.slot.busy().get()),
                sections.stream().map(s -> s.slot.busy()).toArray(javafx.beans.Observable[]::new)));
        Button csv = new Button("CSV");
        csv.setId(root.getId() + "-csv");
        csv.getStyleClass().addAll("small", "flat");
        csv.setTooltip(new Tooltip("Export the rows of the visible tab as CSV"));
        csv.setOnAction(e -> {
            Section s = selected();
            if (s.property() == null) {
                return;
            }
            onExport.accept(new BreakdownExport(title + " " + s.spec.title, s.property(), s.spec.metrics,
                    List.copyOf(s.table.getItems())));
        });
        HBox header = new HBox(8, heading, grow, busy, csv);
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    /** Fills a tab: its table, and the property chooser or the pie. */
    private void build(Section s) {
        s.table.setId("table-" + s.spec.idPart() + (s.spec.chooseKey ? "key" : ""));
        s.table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        s.table.setPlaceholder(new Label("No data for this selection"));
        s.table.setPrefHeight(LIMIT * 28 + 34);
        s.table.getColumns().add(nameColumn(s));
        for (Metric metric : s.spec.metrics) {
            s.table.getColumns().add(metricColumn(metric));
        }
        s.table.setRowFactory(t -> {
            TableRow<BreakdownRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                Property property = s.property();
                if (!row.isEmpty() && !row.getItem().value().isEmpty() && property != null) {
                    BreakdownRow item = row.getItem();
                    model.addFilter(Filter.of(property, Filter.Op.EQ, item.value()), item.name().isEmpty() ? "" : label(property, item));
                }
            });
            return row;
        });
        Region content = s.table;
        if (s.spec.chooseKey) {
            s.key.setEditable(true);
            s.key.setId("property-key");
            s.key.getItems().setAll(knownKeys);
            s.key.setPromptText("property name");
            if (!knownKeys.isEmpty()) {
                s.key.setValue(knownKeys.getFirst());
            }
            s.key.valueProperty().addListener((obs, old, now) -> load(s));
            Label label = new Label("Property");
            HBox chooser = new HBox(8, label, s.key);
            chooser.setAlignment(Pos.CENTER_LEFT);
            content = new VBox(6, chooser, s.table);
        } else if (withPie) {
            s.pie = new PieChart();
            s.pie.setLegendVisible(false);
            s.pie.setLabelsVisible(true);
            s.pie.setAnimated(false);
            s.pie.setPrefSize(220, 220);
            s.pie.setMinSize(160, 160);
            s.pie.setId("pie-" + s.spec.idPart());
            HBox both = new HBox(8, s.table, s.pie);
            HBox.setHgrow(s.table, Priority.ALWAYS);
            content = both;
        }
        s.tab.setContent(content);
    }

    private TableColumn<BreakdownRow, BreakdownRow> nameColumn(Section s) {
        TableColumn<BreakdownRow, BreakdownRow> column = new TableColumn<>(Names.property(s.spec.kind));
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setCellFactory(c -> new ShareCell(s));
        column.setPrefWidth(260);
        column.setSortable(false);
        return column;
    }

    private TableColumn<BreakdownRow, Number> metricColumn(Metric metric) {
        TableColumn<BreakdownRow, Number> column = new TableColumn<>(Names.shortMetric(metric));
        // A metric the report did not offer (a goal filter has no pageviews) is an empty cell, not 0.
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().metrics().get(metric.wireName())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Number value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty || value == null ? null : formats.metric(metric, value.doubleValue()));
            }
        });
        column.getStyleClass().add("number");
        column.setMaxWidth(130);
        column.setMinWidth(100);
        return column;
    }

    /** The row's label over a bar as wide as its share of the total. */
    private final class ShareCell extends TableCell<BreakdownRow, BreakdownRow> {
        private final Section section;
        private final Region bar = new Region();
        private final Label label = new Label();
        private final StackPane box = new StackPane(bar, label);
        /** The shown row's share of the total, 0..1; the bar's width follows it and the cell's. */
        private double share;

        ShareCell(Section section) {
            this.section = section;
            bar.getStyleClass().add("share-bar");
            bar.setManaged(false);
            StackPane.setAlignment(label, Pos.CENTER_LEFT);
            box.setAlignment(Pos.CENTER_LEFT);
            widthProperty().addListener((obs, old, w) -> layoutBar());
        }

        private void layoutBar() {
            bar.resizeRelocate(0, 1, Math.max(2, (getWidth() - 14) * share), 22);
        }

        @Override
        protected void updateItem(BreakdownRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            share = share(section, row);
            label.setText(label(section.property(), row));
            layoutBar();
            setGraphic(box);
            setTooltip(new Tooltip(row.value() + " · " + formats.percent(share * 100) + " of the total"));
        }
    }

    private double share(Section s, BreakdownRow row) {
        Metric first = s.spec.metrics.getFirst();
        Double total = totals.apply(first);
        if (total == null || total <= 0) {
            total = s.table.getItems().stream().mapToDouble(r -> r.metric(first.wireName())).sum();
        }
        return total <= 0 ? 0 : Math.min(1, row.metric(first.wireName()) / total);
    }

    /** A row's label: a region as "Bavaria (DE-BY)", a city by its name, others as {@link #display}. */
    static String label(Property property, BreakdownRow row) {
        if (row.name().isEmpty()) {
            return display(property, row.value());
        }
        return property.kind() == PropertyKind.REGION ? row.name() + " (" + row.value() + ")" : row.name();
    }

    /** Countries as their name ("Germany (DE)"); other values as sent; empty as "(none)". */
    static String display(Property property, String value) {
        if (value == null || value.isEmpty()) {
            return "(none)";
        }
        if (property.kind() == PropertyKind.COUNTRY && value.length() == 2) {
            String name = Locale.of("", value).getDisplayCountry();
            return name.isEmpty() || name.equals(value) ? value : name + " (" + value + ")";
        }
        return value;
    }

    /** The events tab lists custom events; pageviews have their own panel. */
    private static List<BreakdownRow> withoutPageviews(Property property, List<BreakdownRow> rows) {
        return property.kind() == PropertyKind.NAME
                ? rows.stream().filter(r -> !r.value().equals("pageview")).toList() : rows;
    }

    private Section selected() {
        return sections.get(Math.max(0, tabs.getSelectionModel().getSelectedIndex()));
    }

    private void reload() {
        sections.forEach(s -> s.stale = true);
        Section shown = selected();
        load(shown);
        sections.stream().filter(s -> s.spec.onlyWithData && s != shown).forEach(this::load);
    }

    private void load(Section s) {
        if (model.site().get() == null) {
            return;
        }
        Property property = s.property();
        if (property == null) {
            s.table.getItems().clear();
            s.table.setPlaceholder(new Label("Type a property name, for example plan"));
            return;
        }
        s.stale = false;
        var query = model.panelQuery().withBreakdown(property, LIMIT);
        var metrics = DashboardModel.offered(query, s.spec.metrics);
        model.load(s.slot, c -> withoutPageviews(property, c.breakdown(query.withMetrics(metrics))), rows -> {
            s.table.setPlaceholder(new Label("No data for this selection"));
            s.table.getItems().setAll(rows);
            if (s.spec.onlyWithData) {
                s.tab.setDisable(rows.isEmpty());
                if (rows.isEmpty() && s.tab.isSelected()) {
                    tabs.getSelectionModel().selectFirst();
                }
            }
            if (s.pie != null) {
                String metric = s.spec.metrics.getFirst().wireName();
                s.pie.getData().setAll(rows.stream()
                        .map(r -> new PieChart.Data(label(property, r), r.metric(metric))).toList());
            }
        }, error -> {
            s.stale = true;
            s.table.getItems().clear();
            s.table.setPlaceholder(new Label(error.describe()));
        });
    }
}
