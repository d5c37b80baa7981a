package dev.footfall.console.dashboard;

import dev.footfall.console.api.ApiException;
import dev.footfall.console.api.Goal;
import dev.footfall.console.api.GoalRow;
import dev.footfall.model.stats.Filter;
import dev.footfall.model.stats.Property;
import dev.footfall.model.stats.PropertyKind;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Goals card: every goal of the site with its unique and total conversions, conversion rate
 * and revenue for the dashboard's selection (the server's {@code event:goal} breakdown; goals
 * without conversions show zeros), and below it the goal manager: pick a row to edit or delete
 * it, or fill the form (type, page pattern or event name, scroll threshold, optional name) to add
 * one, with a live preview of what the form's goal converted in the last 30 days ({@code #goal-preview}). Clicking a goal filters the dashboard by it. The server validates; its reason shows under the form ({@code #goal-error}). Ids:
 * {@code #table-goals}, {@code #goal-type}, {@code #goal-target}, {@code #goal-threshold},
 * {@code #goal-name}, {@code #goal-save}, {@code #goal-delete}, {@code #goal-new}. When the
 * goals' revenue comes in several currencies (the server then sums none), a currency picker
 * ({@code #goal-currency}) shows by the title and the Revenue column sums the one picked.
 */
final class GoalsPanel {
    /** A table row: the goal and its conversions (zeros when the breakdown has no row for it). */
    record Line(Goal goal, GoalRow conversions) {
    }

    /** What one reload found: the rows, and the currencies the revenue was mixed in when none was picked. */
    private record Loaded(List<Line> lines, List<String> currencies) {
    }

    private final DashboardModel model;
    private final VBox root = new VBox(8);
    private final ObservableList<Line> lines = FXCollections.observableArrayList();
    private final TableView<Line> table = new TableView<>(lines);
    private final LoadSlot slot = new LoadSlot();
    private final ComboBox<String> type = new ComboBox<>(FXCollections.observableArrayList("page", "event", "scroll"));
    private final TextField target = new TextField();
    private final TextField threshold = new TextField();
    private final TextField name = new TextField();
    private final Label error = new Label();
    private final Label preview = new Label();
    private final LoadSlot previewSlot = new LoadSlot();
    /** Waits for typing to pause before the preview asks the server. */
    private final javafx.animation.PauseTransition previewDelay = new javafx.animation.PauseTransition(javafx.util.Duration.millis(400));
    /** The revenue currency picked; shown only while the goals' revenue is in several currencies. */
    private final ComboBox<String> currency = new ComboBox<>();
    /** The site the picker's currencies are of; another site starts without a pick. */
    private String currencySite;
    /** True while the card itself sets the picker, which must not reload again. */
    private boolean settingCurrency;
    /** The goal being edited; 0 while the form adds a new one. */
    private int editing;

    GoalsPanel(DashboardModel model) {
        this.model = model;
        root.setId("goals");
        root.getStyleClass().addAll("card", "breakdown");
        Label heading = new Label("Goals");
        heading.getStyleClass().add("card-title");
        table.setId("table-goals");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No goals yet: add one below"));
        table.setPrefHeight(220);
        table.getColumns().add(column("Goal", l -> l.goal().name()));
        table.getColumns().add(column("Uniques", l -> Long.toString(l.conversions().visitors())));
        table.getColumns().add(column("Total", l -> Long.toString(l.conversions().events())));
        table.getColumns().add(column("Conv. rate", l -> String.format(Locale.ROOT, "%.1f %%", l.conversions().conversionRate())));
        table.getColumns().add(column("Revenue", l -> l.conversions().revenue()));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> edit(now));
        // Clicking a goal filters the whole dashboard by it (a chip removes the filter) and opens it in the form.
        table.setRowFactory(t -> {
            javafx.scene.control.TableRow<Line> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (!row.isEmpty()) {
                    model.addFilter(Filter.of(Property.of(PropertyKind.GOAL), Filter.Op.EQ, row.getItem().goal().name()));
                }
            });
            return row;
        });
        preview.setId("goal-preview");
        preview.getStyleClass().add("text-muted");
        previewDelay.setOnFinished(e -> preview());
        target.textProperty().addListener((obs, old, now) -> previewDelay.playFromStart());
        threshold.textProperty().addListener((obs, old, now) -> previewDelay.playFromStart());
        type.valueProperty().addListener((obs, old, now) -> previewDelay.playFromStart());
        currency.setId("goal-currency");
        currency.setPromptText("Currency");
        currency.setTooltip(new Tooltip("The goals' revenue is in several currencies: the one to sum"));
        currency.managedProperty().bind(currency.visibleProperty());
        currency.setVisible(false);
        currency.valueProperty().addListener((obs, old, now) -> {
            if (!settingCurrency && now != null && !now.equals(old)) {
                reload();
            }
        });
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox title = new HBox(8, heading, gap, currency);
        title.setAlignment(Pos.CENTER_LEFT);
        root.getChildren().addAll(title, table, form(), preview, error);
        VBox.setVgrow(table, Priority.ALWAYS);
        model.addPanel(this::reload);
    }

    Region root() {
        return root;
    }

    private static TableColumn<Line, String> column(String title, Function<Line, String> value) {
        TableColumn<Line, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }

    private HBox form() {
        type.setId("goal-type");
        type.setValue("page");
        target.setId("goal-target");
        target.setPromptText("/pricing, /blog/** or an event name");
        HBox.setHgrow(target, Priority.ALWAYS);
        threshold.setId("goal-threshold");
        threshold.setPromptText("scroll %");
        threshold.setPrefColumnCount(5);
        threshold.disableProperty().bind(type.valueProperty().isNotEqualTo("scroll"));
        name.setId("goal-name");
        name.setPromptText("name (optional)");
        Button save = new Button("Add");
        save.setId("goal-save");
        save.setDefaultButton(false);
        save.setOnAction(e -> save());
        Button delete = new Button("Delete");
        delete.setId("goal-delete");
        delete.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        delete.setOnAction(e -> delete());
        Button fresh = new Button("New");
        fresh.setId("goal-new");
        fresh.setTooltip(new Tooltip("Clear the form to add a goal"));
        fresh.setOnAction(e -> table.getSelectionModel().clearSelection());
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> save.setText(now == null ? "Add" : "Save"));
        error.setId("goal-error");
        error.getStyleClass().add("text-muted");
        error.setWrapText(true);
        HBox form = new HBox(8, type, target, threshold, name, save, delete, fresh);
        form.setAlignment(Pos.CENTER_LEFT);
        return form;
    }

    private void edit(Line line) {
        error.setText("");
        if (line == null) {
            editing = 0;
            target.clear();
            threshold.clear();
            name.clear();
            return;
        }
        Goal g = line.goal();
        editing = g.id();
        type.setValue(g.type());
        target.setText(g.target());
        threshold.setText(g.scrollThreshold() == null ? "" : g.scrollThreshold().toString());
        name.setText(g.name());
    }

    /** The goal the form describes; empty while a scroll goal's threshold is no whole number. */
    private java.util.Optional<Goal> formGoal(int id, String goalName) {
        Integer percent = null;
        if ("scroll".equals(type.getValue())) {
            try {
                percent = Integer.parseInt(threshold.getText().strip());
            } catch (NumberFormatException e) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(new Goal(id, type.getValue(), goalName, target.getText(), percent));
    }

    private void save() {
        // A changed definition with the old default name would keep that name: let the server name it again.
        String shownName = editing != 0 && name.getText().strip().equals(selectedName()) && definitionChanged() ? "" : name.getText();
        java.util.Optional<Goal> goal = formGoal(editing, shownName);
        if (goal.isEmpty()) {
            error.setText("The scroll threshold is a whole percentage from 1 to 100");
            return;
        }
        String site = model.site().get().domain();
        write(c -> c.saveGoal(site, goal.get()));
    }

    /** Runs a change on the server; then the form clears and the card reloads, or the server's reason shows. */
    private void write(java.util.function.Consumer<dev.footfall.console.api.FootfallClient> change) {
        model.load(new LoadSlot(), c -> {
            change.accept(c);
            return Boolean.TRUE;
        }, done -> {
            table.getSelectionModel().clearSelection();
            reload();
        }, this::failed);
    }

    /** "Last 30 days: 12 uniques, 15 conversions (3.4 %)" for the form's goal, before it is saved. */
    private void preview() {
        if (model.site().get() == null || target.getText().isBlank()) {
            preview.setText("");
            return;
        }
        java.util.Optional<Goal> goal = formGoal(0, "");
        if (goal.isEmpty()) {
            preview.setText("");
            return;
        }
        String site = model.site().get().domain();
        model.load(previewSlot, c -> c.previewGoal(site, goal.get()), r -> preview.setText(String.format(Locale.ROOT,
                "Last 30 days: %d uniques, %d conversions (%.1f %%)", r.visitors(), r.events(), r.conversionRate())),
                e -> preview.setText(e.getMessage()));
    }

    private String selectedName() {
        Line line = table.getSelectionModel().getSelectedItem();
        return line == null ? "" : line.goal().name();
    }

    private boolean definitionChanged() {
        Line line = table.getSelectionModel().getSelectedItem();
        return line != null && (!line.goal().type().equals(type.getValue()) || !line.goal().target().equals(target.getText().strip()));
    }

    private void delete() {
        Line line = table.getSelectionModel().getSelectedItem();
        if (line == null) {
            return;
        }
        String site = model.site().get().domain();
        write(c -> c.deleteGoal(site, line.goal().id()));
    }

    private void failed(ApiException e) {
        error.setText(e.getMessage());
    }

    /** The goals and their conversions for the dashboard's selection, in one background call. */
    private void reload() {
        if (model.site().get() == null) {
            return;
        }
        String site = model.site().get().domain();
        var query = model.panelQuery();
        String picked = site.equals(currencySite) ? currency.getValue() : null;
        model.load(slot, c -> {
            List<Goal> goals = c.goals(site);
            Map<String, GoalRow> rows = new HashMap<>();
            List<String> currencies = List.of();
            if (!goals.isEmpty()) {
                var answer = c.goalConversions(query, picked);
                // Mixed currencies without a pick: ask again in the first one, so the column shows a sum at once.
                if (picked == null && answer.currencies().size() > 1) {
                    currencies = answer.currencies();
                    answer = c.goalConversions(query, currencies.getFirst());
                }
                answer.rows().forEach(r -> rows.put(r.goal(), r));
            }
            List<Line> list = goals.stream().map(g -> new Line(g, rows.getOrDefault(g.name(), new GoalRow(g.name(), 0, 0, 0, "")))).toList();
            return new Loaded(list, currencies);
        }, loaded -> {
            if (loaded.currencies().size() > 1) {
                settingCurrency = true;
                currency.getItems().setAll(loaded.currencies());
                currency.setValue(loaded.currencies().getFirst());
                settingCurrency = false;
                currency.setVisible(true);
                currencySite = site;
            } else if (picked == null) {
                currency.setVisible(false);
                currencySite = null;
            }
            int selected = editing;
            lines.setAll(loaded.lines());
            loaded.lines().stream().filter(l -> l.goal().id() == selected).findFirst().ifPresent(l -> table.getSelectionModel().select(l));
        }, this::failed);
    }
}
