package dev.footfall.console.dashboard;

import dev.footfall.console.api.ApiException;
import dev.footfall.console.api.Funnel;
import dev.footfall.console.api.FunnelReport;
import dev.footfall.console.api.Goal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Funnels card: pick one of the site's funnels and see one bar per step, as wide as the step's
 * share of step 1's visitors, labelled with its visitors and conversion (against step 1 and the
 * previous step), and between bars the drop-off; "Previous period" shows the same funnel over the
 * period before (the server answers both in one report). Below, the funnel manager: a name and the
 * ordered steps, chosen from the site's goals; a funnel picked above is edited, "New" clears the
 * form. Only the dashboard's visit filters (source, country, device, browser, OS) apply, as the
 * funnel report takes no others. Ids: {@code #funnel-select}, {@code #funnel-previous},
 * {@code #funnel-bars} with the labels {@code #funnel-entered}, {@code #funnel-step-<n>} and {@code #funnel-dropoff-<n>}, {@code #funnel-name},
 * {@code #funnel-goal}, {@code #funnel-add-step}, {@code #funnel-remove-step}, {@code #funnel-steps},
 * {@code #funnel-save}, {@code #funnel-delete}, {@code #funnel-new}, {@code #funnel-error}.
 */
final class FunnelsPanel {
    /** The site's goals and funnels, loaded together. */
    private record Loaded(List<Goal> goals, List<Funnel> funnels) {
    }

    /** The widest bar (step 1, or any step with all of step 1's visitors), in pixels. */
    static final double BAR_WIDTH = 360;

    private final DashboardModel model;
    private final VBox root = new VBox(8);
    private final ComboBox<Funnel> select = new ComboBox<>();
    private final CheckBox previous = new CheckBox("Previous period");
    private final VBox bars = new VBox(4);
    private final TextField name = new TextField();
    private final ComboBox<Goal> goal = new ComboBox<>();
    private final ObservableList<Goal> steps = FXCollections.observableArrayList();
    private final ListView<Goal> stepList = new ListView<>(steps);
    private final Label error = new Label();
    private final LoadSlot slot = new LoadSlot();
    private final LoadSlot reportSlot = new LoadSlot();
    /** The last report shown, current and previous period; null before the first. */
    private FunnelReport report;
    /** The site's goals as last loaded, to show a funnel's steps by name. */
    private List<Goal> goals = List.of();

    FunnelsPanel(DashboardModel model) {
        this.model = model;
        root.setId("funnels");
        root.getStyleClass().addAll("card", "breakdown");
        Label heading = new Label("Funnels");
        heading.getStyleClass().add("card-title");
        select.setId("funnel-select");
        select.setPromptText("no funnel yet: add one below");
        select.valueProperty().addListener((obs, old, now) -> {
            edit(now);
            loadReport();
        });
        previous.setId("funnel-previous");
        previous.selectedProperty().addListener((obs, old, now) -> showReport());
        bars.setId("funnel-bars");
        error.setId("funnel-error");
        error.getStyleClass().add("text-muted");
        error.setWrapText(true);
        HBox top = new HBox(8, select, previous);
        top.setAlignment(Pos.CENTER_LEFT);
        root.getChildren().addAll(heading, top, bars, form(), error);
        model.addPanel(this::reload);
    }

    Region root() {
        return root;
    }

    private VBox form() {
        name.setId("funnel-name");
        name.setPromptText("funnel name");
        goal.setId("funnel-goal");
        goal.setPromptText("goal");
        goal.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Goal g) {
                return g == null ? "" : g.name();
            }

            @Override
            public Goal fromString(String s) {
                return null;
            }
        });
        Button add = new Button("Add step");
        add.setId("funnel-add-step");
        add.setOnAction(e -> {
            if (goal.getValue() != null && !steps.contains(goal.getValue())) {
                steps.add(goal.getValue());
            }
        });
        Button remove = new Button("Remove step");
        remove.setId("funnel-remove-step");
        remove.disableProperty().bind(stepList.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> steps.remove(stepList.getSelectionModel().getSelectedItem()));
        stepList.setId("funnel-steps");
        stepList.setPrefHeight(110);
        stepList.setCellFactory(list -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(Goal g, boolean empty) {
                super.updateItem(g, empty);
                setText(empty || g == null ? null : (getIndex() + 1) + ". " + g.name());
            }
        });
        Button save = new Button("Add funnel");
        save.setId("funnel-save");
        save.setOnAction(e -> save());
        select.valueProperty().addListener((obs, old, now) -> save.setText(now == null ? "Add funnel" : "Save funnel"));
        Button delete = new Button("Delete");
        delete.setId("funnel-delete");
        delete.disableProperty().bind(select.valueProperty().isNull());
        delete.setOnAction(e -> delete());
        Button fresh = new Button("New");
        fresh.setId("funnel-new");
        fresh.setOnAction(e -> select.setValue(null));
        HBox row = new HBox(8, name, goal, add, remove, save, delete, fresh);
        row.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(name, Priority.ALWAYS);
        return new VBox(6, row, stepList);
    }

    /** The picked funnel into the form (its steps by goal name), or an empty form. */
    private void edit(Funnel funnel) {
        error.setText("");
        if (funnel == null) {
            name.clear();
            steps.clear();
            return;
        }
        name.setText(funnel.name());
        List<Goal> named = new ArrayList<>();
        funnel.steps().forEach(id -> goals.stream().filter(g -> g.id() == id).findFirst().ifPresent(named::add));
        steps.setAll(named);
    }

    private void save() {
        Funnel picked = select.getValue();
        Funnel funnel = new Funnel(picked == null ? 0 : picked.id(), name.getText().strip(), steps.stream().map(Goal::id).toList());
        String site = model.site().get().domain();
        write(c -> c.saveFunnel(site, funnel), funnel.name());
    }

    private void delete() {
        Funnel picked = select.getValue();
        if (picked != null) {
            String site = model.site().get().domain();
            write(c -> c.deleteFunnel(site, picked.id()), null);
        }
    }

    /** Runs a change on the server, then reloads the card showing {@code show} (a funnel's name), or shows the server's reason. */
    private void write(java.util.function.Consumer<dev.footfall.console.api.FootfallClient> change, String show) {
        model.load(new LoadSlot(), c -> {
            change.accept(c);
            return Boolean.TRUE;
        }, done -> reload(show), this::failed);
    }

    private void failed(ApiException e) {
        error.setText(e.getMessage());
    }

    private void reload() {
        reload(Optional.ofNullable(select.getValue()).map(Funnel::name).orElse(null));
    }

    /** The site's goals and funnels in one background call; then the funnel named {@code show} (else the first) is picked. */
    private void reload(String show) {
        if (model.site().get() == null) {
            return;
        }
        String site = model.site().get().domain();
        model.load(slot, c -> new Loaded(c.goals(site), c.funnels(site)), loaded -> {
            List<Goal> g = loaded.goals();
            List<Funnel> f = loaded.funnels();
            goals = g;
            goal.getItems().setAll(g);
            Funnel pick = f.stream().filter(x -> x.name().equals(show)).findFirst().orElse(f.isEmpty() ? null : f.getFirst());
            select.getItems().setAll(f);
            if (pick != null && select.getValue() != null && pick.id() == select.getValue().id() && pick.equals(select.getValue())) {
                loadReport();
            } else {
                select.setValue(pick);
            }
            if (pick == null) {
                report = null;
                showReport();
            }
        }, this::failed);
    }

    private void loadReport() {
        Funnel funnel = select.getValue();
        if (funnel == null || model.site().get() == null) {
            return;
        }
        var query = model.panelQuery();
        model.load(reportSlot, c -> c.funnelReport(query, funnel.id()), r -> {
            report = r;
            showReport();
        }, this::failed);
    }

    /** One bar per step of the current or previous period's report, the drop-off between bars. */
    private void showReport() {
        bars.getChildren().clear();
        FunnelReport shown = report == null ? null : previous.isSelected() ? report.previous() : report;
        if (shown == null) {
            return;
        }
        Label entered = new Label(String.format(Locale.ROOT, "%d visitors entered (%.1f %% of all visitors)", shown.entering(),
                shown.enteringPercentage()));
        entered.setId("funnel-entered");
        bars.getChildren().add(entered);
        for (int i = 0; i < shown.steps().size(); i++) {
            FunnelReport.Step step = shown.steps().get(i);
            if (i > 0) {
                Label drop = new Label(String.format(Locale.ROOT, "↓ %d dropped off (%.1f %%)", step.dropoff(), step.dropoffPercentage()));
                drop.setId("funnel-dropoff-" + (i + 1));
                drop.getStyleClass().add("text-muted");
                bars.getChildren().add(drop);
            }
            Region bar = new Region();
            bar.getStyleClass().add("funnel-bar");
            double share = shown.entering() == 0 ? 0 : (double) step.visitors() / shown.entering();
            bar.setMinWidth(Math.max(2, BAR_WIDTH * share));
            bar.setPrefWidth(Math.max(2, BAR_WIDTH * share));
            bar.setMaxWidth(Math.max(2, BAR_WIDTH * share));
            bar.setMinHeight(18);
            Label text = new Label(String.format(Locale.ROOT, "%d. %s: %d visitors, %.1f %% of step 1, %.1f %% of the previous step",
                    i + 1, step.goal(), step.visitors(), step.conversionRate(), step.conversionRateStep()));
            text.setId("funnel-step-" + (i + 1));
            HBox line = new HBox(8, bar, text);
            line.setAlignment(Pos.CENTER_LEFT);
            bars.getChildren().add(line);
        }
    }
}
