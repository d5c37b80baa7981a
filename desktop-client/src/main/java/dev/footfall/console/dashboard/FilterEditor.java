package dev.footfall.console.dashboard;

import dev.footfall.console.format.Names;
import dev.footfall.model.stats.Filter;
import dev.footfall.model.stats.Property;
import dev.footfall.model.stats.PropertyKind;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;

/**
 * "+ Filter": a property, an operator ({@code is}, {@code is not}, {@code contains}) and a value,
 * with the property's values as the user types ({@code #filter-suggestions}): the values of the
 * selected range that contain the text in any case, most visitors first, under the other
 * properties' chips (the server's breakdown of that property, asked through Stats API v2, which
 * alone matches case-insensitively). Clicking a value takes it, a double click or Enter adds the
 * chip. Ids: {@code #filter-property}, {@code #filter-operator}, {@code #filter-value},
 * {@code #filter-apply}, {@code #filter-cancel}, {@code #filter-error}.
 */
final class FilterEditor {
    /** The properties a chip can be added for; regions and cities are codes, added by clicking their rows. */
    static final List<PropertyKind> KINDS = List.of(PropertyKind.PAGE, PropertyKind.ENTRY_PAGE, PropertyKind.EXIT_PAGE,
            PropertyKind.SOURCE, PropertyKind.CHANNEL, PropertyKind.REFERRER, PropertyKind.UTM_SOURCE, PropertyKind.UTM_MEDIUM,
            PropertyKind.UTM_CAMPAIGN, PropertyKind.COUNTRY, PropertyKind.BROWSER, PropertyKind.OS, PropertyKind.DEVICE,
            PropertyKind.NAME);
    static final int SUGGESTIONS = 8;

    private final DashboardModel model;
    private final VBox root = new VBox(6);
    private final ComboBox<PropertyKind> property = new ComboBox<>();
    private final ComboBox<Filter.Op> operator = new ComboBox<>();
    private final TextField value = new TextField();
    private final ListView<String> suggestions = new ListView<>();
    private final Label error = new Label();
    private final LoadSlot slot = new LoadSlot();
    /** Waits for typing to pause before the type-ahead asks the server. */
    private final PauseTransition typing = new PauseTransition(Duration.millis(250));
    /** True while a picked suggestion is written into the value field, which then asks for no new ones. */
    private boolean picking;

    FilterEditor(DashboardModel model) {
        this.model = model;
        root.setId("filter-editor");
        root.getStyleClass().add("filter-editor");
        root.managedProperty().bind(root.visibleProperty());
        root.setVisible(false);
        property.setId("filter-property");
        property.getItems().setAll(KINDS);
        property.setConverter(converter(Names::property));
        property.setValue(PropertyKind.PAGE);
        operator.setId("filter-operator");
        operator.getItems().setAll(Filter.Op.values());
        operator.setConverter(converter(Names::operator));
        operator.setValue(Filter.Op.EQ);
        value.setId("filter-value");
        value.setPromptText("type to see this site's values");
        HBox.setHgrow(value, Priority.ALWAYS);
        Button apply = new Button("Add filter");
        apply.setId("filter-apply");
        apply.setOnAction(e -> apply());
        Button cancel = new Button("Cancel");
        cancel.setId("filter-cancel");
        cancel.getStyleClass().add("flat");
        cancel.setOnAction(e -> close());
        HBox form = new HBox(8, property, operator, value, apply, cancel);
        form.setAlignment(Pos.CENTER_LEFT);

        suggestions.setId("filter-suggestions");
        suggestions.setPrefHeight(SUGGESTIONS * 26 + 4);
        suggestions.managedProperty().bind(suggestions.visibleProperty());
        suggestions.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(suggestions.getItems()));
        suggestions.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : BreakdownPanel.display(Property.of(property.getValue()), item));
                setId(empty || item == null ? null : "suggestion-" + getIndex());
                setOnMouseClicked(empty || item == null ? null : e -> {
                    pick(item);
                    if (e.getClickCount() > 1) {
                        apply();
                    }
                });
            }
        });
        error.setId("filter-error");
        error.getStyleClass().add("text-muted");
        error.managedProperty().bind(error.visibleProperty());
        error.visibleProperty().bind(error.textProperty().isNotEmpty());

        typing.setOnFinished(e -> suggest());
        value.textProperty().addListener((obs, old, now) -> {
            error.setText("");
            if (!picking) {
                typing.playFromStart();
            }
        });
        property.valueProperty().addListener((obs, old, now) -> typing.playFromStart());
        value.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                apply();
                e.consume();
            }
        });
        root.getChildren().addAll(form, suggestions, error);
    }

    Region root() {
        return root;
    }

    void open() {
        root.setVisible(true);
        value.clear();
        error.setText("");
        suggest();
        value.requestFocus();
    }

    /** Hides the editor; false when it was hidden already. */
    boolean close() {
        boolean open = root.isVisible();
        typing.stop();
        slot.supersede();
        suggestions.getItems().clear();
        root.setVisible(false);
        return open;
    }

    private void pick(String item) {
        picking = true;
        value.setText(item);
        picking = false;
    }

    private void apply() {
        String text = value.getText() == null ? "" : value.getText().strip();
        if (text.isEmpty()) {
            error.setText("Type a value, or pick one of the list");
            return;
        }
        Filter filter = Filter.of(Property.of(property.getValue()), operator.getValue(), text);
        if (!filter.hasWireForm()) {
            error.setText("A value cannot hold ; or |: the stats API's filters parameter has no escape for them");
            return;
        }
        model.addFilter(filter);
        close();
    }

    /** The property's values containing the typed text, under the chips on other properties. */
    private void suggest() {
        if (!root.isVisible() || model.site().get() == null) {
            return;
        }
        Property on = Property.of(property.getValue());
        String typed = value.getText() == null ? "" : value.getText();
        List<Filter> others = model.filters().stream().filter(f -> !f.property().equals(on)).toList();
        String siteId = model.site().get().domain();
        var range = model.panelDates();
        model.load(slot, c -> c.values(siteId, range, on, typed, others, SUGGESTIONS), suggestions.getItems()::setAll,
                e -> {
                    suggestions.getItems().clear();
                    error.setText(e.describe());
                });
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> name) {
        return new StringConverter<>() {
            @Override
            public String toString(T item) {
                return item == null ? "" : name.apply(item);
            }

            @Override
            public T fromString(String text) {
                return null;
            }
        };
    }
}
