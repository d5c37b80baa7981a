package dev.footfall.console.dashboard;

import dev.footfall.console.api.BreakdownRow;
import dev.footfall.console.format.Formats;
import dev.footfall.model.stats.Filter;
import dev.footfall.model.stats.Metric;
import dev.footfall.model.stats.Property;
import dev.footfall.model.stats.PropertyKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.ClosePath;
import javafx.scene.shape.FillRule;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.transform.Scale;

/**
 * A choropleth of visitors by country for the selection: each country of {@link WorldShapes}
 * shaded in one of {@value #LEVELS} steps (style classes {@code map-level-1..5}, theme colours in
 * dashboard.css, so both themes read), on a log scale of its visitors against the busiest
 * country's, since a few countries usually have most visitors. Hovering a country names it with
 * its visitors (in the card's hover line and a tooltip); clicking one filters the dashboard by it.
 *
 * <p>Projection: plain equirectangular (longitude and latitude as x and y) from 84° N to 58° S,
 * drawn once in degrees and scaled to the card's width. Ids: the card {@code map-card}, countries
 * {@code map-<alpha-2>} ({@code map-DE}), the hover line {@code map-hover}.
 */
final class WorldMap {
    private static final Property COUNTRY = Property.of(PropertyKind.COUNTRY);
    static final int LEVELS = 5;
    /** Countries asked for: every country with visitors, in practice. */
    static final int LIMIT = 300;
    private static final double NORTH = 84;
    private static final double SOUTH = -58;
    private static final String HINT = "Hover a country to see its visitors; click it to filter";

    private final DashboardModel model;
    private final Formats formats;
    private final LoadSlot slot = new LoadSlot();
    private final VBox root = new VBox(8);
    private final Label hover = new Label(HINT);
    private final Label empty = new Label();
    private final MapPane canvas = new MapPane();
    private final Map<String, Path> pathByCode = new HashMap<>();
    /** Visitors of each country in the shown selection; replaced by every load. */
    private Map<String, Double> visitors = Map.of();

    WorldMap(DashboardModel model, Formats formats, Consumer<Node> onPng) {
        this.model = model;
        this.formats = formats;
        root.setId("map-card");
        root.getStyleClass().addAll("card", "world-map");
        for (WorldShapes.Country country : WorldShapes.load()) {
            canvas.shapes.getChildren().add(path(country));
        }
        hover.setId("map-hover");
        hover.getStyleClass().add("text-muted");
        empty.setId("map-empty");
        empty.getStyleClass().add("text-muted");
        Button png = new Button("PNG");
        png.setId("map-png");
        png.getStyleClass().addAll("small", "flat");
        png.setTooltip(new Tooltip("Save the map as a PNG image"));
        png.setOnAction(e -> onPng.accept(canvas));
        Label title = new Label("Visitors by country");
        title.getStyleClass().add("card-title");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(10, title, hover, grow, legend(), png);
        header.setAlignment(Pos.CENTER_LEFT);
        root.getChildren().addAll(header, canvas, empty);
        model.addPanel(this::reload);
    }

    Region root() {
        return root;
    }

    private Path path(WorldShapes.Country country) {
        Path path = new Path();
        path.setFillRule(FillRule.EVEN_ODD);
        path.getStyleClass().add("map-country");
        for (double[] ring : country.rings()) {
            for (int i = 0; i + 1 < ring.length; i += 2) {
                double x = ring[i] + 180;
                double y = NORTH - Math.max(SOUTH, ring[i + 1]);
                path.getElements().add(i == 0 ? new MoveTo(x, y) : new LineTo(x, y));
            }
            path.getElements().add(new ClosePath());
        }
        String code = country.code();
        if (!code.isEmpty()) {
            path.setId("map-" + code);
            pathByCode.put(code, path);
            Tooltip tip = new Tooltip();
            tip.setOnShowing(e -> tip.setText(describe(country)));
            Tooltip.install(path, tip);
            path.setOnMouseClicked(e -> model.addFilter(Filter.of(COUNTRY, Filter.Op.EQ, code)));
        }
        path.setOnMouseEntered(e -> hover.setText(describe(country)));
        path.setOnMouseExited(e -> hover.setText(HINT));
        return path;
    }

    /** "Germany · 1,204 visitors": the console's country name, else the atlas's. */
    private String describe(WorldShapes.Country country) {
        String label = country.code().isEmpty() ? country.name() : BreakdownPanel.display(COUNTRY, country.code());
        double n = visitors.getOrDefault(country.code(), 0.0);
        return label + " · " + formats.metric(Metric.VISITORS, n) + (n == 1 ? " visitor" : " visitors");
    }

    private HBox legend() {
        HBox legend = new HBox(2);
        legend.setAlignment(Pos.CENTER);
        Label fewer = new Label("fewer");
        Label more = new Label("more");
        fewer.getStyleClass().add("text-muted");
        more.getStyleClass().add("text-muted");
        legend.getChildren().add(fewer);
        for (int level = 1; level <= LEVELS; level++) {
            Region swatch = new Region();
            swatch.getStyleClass().addAll("map-swatch", "map-level-" + level);
            legend.getChildren().add(swatch);
        }
        legend.getChildren().add(more);
        return legend;
    }

    private void reload() {
        if (model.site().get() == null) {
            return;
        }
        var query = model.panelQuery().withBreakdown(COUNTRY, LIMIT).withMetrics(List.of(Metric.VISITORS));
        model.load(slot, c -> c.breakdown(query), this::show,
                error -> {
                    show(List.of());
                    empty.setText(error.describe());
                });
    }

    void show(List<BreakdownRow> rows) {
        Map<String, Double> byCode = new HashMap<>();
        for (BreakdownRow row : rows) {
            if (row.value().length() == 2) {
                byCode.merge(row.value(), row.metric(Metric.VISITORS.wireName()), Double::sum);
            }
        }
        visitors = Map.copyOf(byCode);
        double max = byCode.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        pathByCode.forEach((code, path) -> {
            path.getStyleClass().removeIf(c -> c.startsWith("map-level-"));
            int level = level(byCode.getOrDefault(code, 0.0), max);
            if (level > 0) {
                path.getStyleClass().add("map-level-" + level);
            }
        });
        long unknown = rows.stream().filter(r -> r.value().length() != 2).count();
        empty.setText(rows.isEmpty() ? "No visitors for this selection" : unknown > 0 ? "Not on the map: visitors of unknown country" : "");
        empty.setManaged(!empty.getText().isEmpty());
        empty.setVisible(!empty.getText().isEmpty());
    }

    /** 0 for no visitors, else 1..{@value #LEVELS} on a log scale up to {@code max}. */
    static int level(double value, double max) {
        if (value <= 0 || max <= 0) {
            return 0;
        }
        double share = Math.log1p(value) / Math.log1p(max);
        return Math.clamp((int) Math.ceil(share * LEVELS), 1, LEVELS);
    }

    /** The drawing: degrees scaled to the pane's width, the height following the projection's aspect. */
    private static final class MapPane extends Pane {
        private static final double WIDTH_DEG = 360;
        private static final double HEIGHT_DEG = NORTH - SOUTH;
        final Group shapes = new Group();
        private final Scale scale = new Scale(1, 1, 0, 0);

        MapPane() {
            getStyleClass().add("map-canvas");
            setId("map-canvas");
            shapes.getTransforms().add(scale);
            shapes.setManaged(false);
            getChildren().add(shapes);
            setMinHeight(160);
            // Rings unwrapped across the antimeridian poke out past an edge (WorldShapes.unwrapped).
            javafx.scene.shape.Rectangle clip = new javafx.scene.shape.Rectangle();
            clip.widthProperty().bind(widthProperty());
            clip.heightProperty().bind(heightProperty());
            setClip(clip);
        }

        @Override
        public Orientation getContentBias() {
            return Orientation.HORIZONTAL;
        }

        @Override
        protected double computePrefWidth(double height) {
            return 900;
        }

        @Override
        protected double computePrefHeight(double width) {
            double w = width > 0 ? width : computePrefWidth(-1);
            return w * HEIGHT_DEG / WIDTH_DEG;
        }

        @Override
        protected void layoutChildren() {
            double k = Math.min(getWidth() / WIDTH_DEG, getHeight() / HEIGHT_DEG);
            scale.setX(k);
            scale.setY(k);
            shapes.setLayoutX((getWidth() - WIDTH_DEG * k) / 2);
            shapes.setLayoutY(0);
        }
    }
}
