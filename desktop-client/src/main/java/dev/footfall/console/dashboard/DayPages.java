package dev.footfall.console.dashboard;

import dev.footfall.console.api.BreakdownRow;
import dev.footfall.console.format.Formats;
import dev.footfall.console.format.Names;
import dev.footfall.model.stats.Metric;
import dev.footfall.model.stats.Property;
import dev.footfall.model.stats.PropertyKind;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The drill-down under the chart: once a day is clicked, the page view counts of every page on
 * that day (the table {@code drilldown}), narrowed by the other filters like every panel.
 */
final class DayPages {
    static final int LIMIT = 50;
    private static final List<Metric> METRICS = List.of(Metric.PAGEVIEWS, Metric.VISITORS);

    private final DashboardModel model;
    private final VBox root = new VBox(8);
    private final Label title = new Label();
    private final TableView<BreakdownRow> table = new TableView<>();
    private final LoadSlot slot = new LoadSlot();

    DayPages(DashboardModel model, Formats formats) {
        this.model = model;
        root.setId("day-pages");
        root.getStyleClass().add("card");
        root.managedProperty().bind(root.visibleProperty());
        title.getStyleClass().add("card-title");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(slot.busy());
        Button close = new Button("Close");
        close.getStyleClass().addAll("flat", "small");
        close.setOnAction(e -> model.day().set(null));
        HBox header = new HBox(8, title, grow, busy, close);
        header.setAlignment(Pos.CENTER_LEFT);
        table.setId("drilldown");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(260);
        table.setPlaceholder(new Label("No page views on this day"));
        TableColumn<BreakdownRow, String> page = new TableColumn<>(Names.property(PropertyKind.PAGE));
        page.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().value()));
        page.setPrefWidth(420);
        table.getColumns().add(page);
        for (Metric metric : METRICS) {
            TableColumn<BreakdownRow, Number> column = new TableColumn<>(Names.shortMetric(metric));
            column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().metric(metric.wireName())));
            column.setCellFactory(c -> new TableCell<>() {
                @Override
                protected void updateItem(Number value, boolean empty) {
                    super.updateItem(value, empty);
                    setText(empty || value == null ? null : formats.metric(metric, value.doubleValue()));
                }
            });
            column.getStyleClass().add("number");
            table.getColumns().add(column);
        }
        root.getChildren().addAll(header, table);
        root.setVisible(false);
        model.addPanel(this::reload);
    }

    Region root() {
        return root;
    }

    private void reload() {
        var day = model.day().get();
        root.setVisible(day != null);
        if (day == null) {
            table.getItems().clear();
            return;
        }
        title.setText("Page views on " + DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).format(day));
        var query = model.panelQuery().withBreakdown(Property.of(PropertyKind.PAGE), LIMIT);
        var metrics = DashboardModel.offered(query, METRICS);
        model.load(slot, c -> c.breakdown(query.withMetrics(metrics)),
                rows -> table.getItems().setAll(rows),
                error -> table.setPlaceholder(new Label(error.describe())));
    }
}
