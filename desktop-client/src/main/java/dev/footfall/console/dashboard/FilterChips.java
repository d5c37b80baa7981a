package dev.footfall.console.dashboard;

import dev.footfall.console.api.Dimension;
import dev.footfall.console.api.Filter;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * The active filters as chips, each with a remove button: the drilled-into day
 * ({@code chip-date}) first, then one per property ({@code chip-visit-source}, ...). Hidden
 * while there are none.
 */
final class FilterChips {
    private final DashboardModel model;
    private final FlowPane root = new FlowPane(8, 8);

    FilterChips(DashboardModel model) {
        this.model = model;
        root.setId("filters");
        root.getStyleClass().add("filter-chips");
        root.managedProperty().bind(root.visibleProperty());
        model.filters().addListener((ListChangeListener<Filter>) c -> rebuild());
        model.day().addListener((obs, old, now) -> rebuild());
        rebuild();
    }

    Region root() {
        return root;
    }

    private void rebuild() {
        root.getChildren().clear();
        LocalDate day = model.day().get();
        if (day != null) {
            root.getChildren().add(chip("date", "Date is "
                    + DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).format(day), () -> model.day().set(null)));
        }
        for (Filter f : model.filters()) {
            String label = Dimension.labelOf(f.property()) + " is "
                    + (f.shown().isEmpty() ? BreakdownPanel.display(f.property(), f.value()) : f.shown());
            root.getChildren().add(chip(f.property().replace(':', '-'), label, () -> model.filters().remove(f)));
        }
        root.setVisible(!root.getChildren().isEmpty());
    }

    private HBox chip(String key, String text, Runnable remove) {
        Label label = new Label(text);
        Button close = new Button("✕");
        close.setId("remove-" + key);
        close.getStyleClass().addAll("flat", "small", "chip-remove");
        close.setTooltip(new Tooltip("Remove this filter"));
        close.setOnAction(e -> remove.run());
        HBox chip = new HBox(4, label, close);
        chip.setId("chip-" + key);
        chip.setAlignment(Pos.CENTER_LEFT);
        chip.getStyleClass().add("chip");
        return chip;
    }
}
