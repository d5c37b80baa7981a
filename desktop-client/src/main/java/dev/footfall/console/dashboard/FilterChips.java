package dev.footfall.console.dashboard;

import dev.footfall.console.format.Names;
import dev.footfall.model.stats.Filter;
import dev.footfall.model.stats.Property;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.stream.Collectors;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The active filters as chips, each with a remove button: the drilled-into day
 * ({@code chip-date}) first, then one per filter in the order they were added, named after its
 * property and, for {@code is not} and {@code contains}, its operator ({@code chip-visit-source},
 * {@code chip-visit-browser-is-not}, {@code chip-event-page-contains}), then "+ Filter"
 * ({@code #add-filter}), which opens the {@link FilterEditor} below them.
 */
final class FilterChips {
    private final DashboardModel model;
    private final FlowPane chips = new FlowPane(8, 8);
    private final FilterEditor editor;
    private final VBox root;

    FilterChips(DashboardModel model) {
        this.model = model;
        this.editor = new FilterEditor(model);
        chips.setId("filters");
        chips.getStyleClass().add("filter-chips");
        root = new VBox(8, chips, editor.root());
        model.filters().addListener((ListChangeListener<Filter>) c -> rebuild());
        model.day().addListener((obs, old, now) -> rebuild());
        rebuild();
    }

    Region root() {
        return root;
    }

    /** Closes the editor if it is open (Esc); false when it was closed already. */
    boolean closeEditor() {
        return editor.close();
    }

    private void rebuild() {
        chips.getChildren().clear();
        LocalDate day = model.day().get();
        if (day != null) {
            chips.getChildren().add(chip("date", "Date is "
                    + DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).format(day), () -> model.day().set(null)));
        }
        for (Filter f : model.filters()) {
            chips.getChildren().add(chip(key(f), label(f, model.shown(f)), () -> model.filters().remove(f)));
        }
        Button add = new Button("+ Filter");
        add.setId("add-filter");
        add.getStyleClass().addAll("flat", "small");
        add.setTooltip(new Tooltip("Filter every card: is, is not or contains, with the values this site has"));
        add.setOnAction(e -> editor.open());
        chips.getChildren().add(add);
    }

    /** {@code visit-browser} for {@code is}, {@code visit-browser-is-not}, {@code event-page-contains}. */
    static String key(Filter f) {
        String property = f.property().wireName().replace(':', '-');
        return f.op() == Filter.Op.EQ ? property : property + "-" + Names.operator(f.op()).replace(' ', '-');
    }

    /** "Source is Google", "Browser is not Chrome", "Page contains blog"; {@code shown} names a code's value. */
    static String label(Filter f, String shown) {
        Property p = f.property();
        String values = shown.isEmpty() ? f.values().stream().map(v -> BreakdownPanel.display(p, v)).collect(Collectors.joining(" or "))
                : shown;
        return Names.property(p) + " " + Names.operator(f.op()) + " " + values;
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
