package dev.footfall.console.dashboard;

import dev.footfall.console.format.Formats;
import dev.footfall.console.format.Names;
import dev.footfall.model.stats.Metric;
import dev.footfall.model.stats.MetricValue;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The headline numbers, one tile per metric with its change against the previous period
 * (green when the change is good news, red when bad, so a falling bounce rate is green), and
 * the live current-visitors count. Under a goal filter the tiles are unique and total conversions
 * and the conversion rate. Node ids: {@code value-visitors}, {@code change-visitors}, ...
 */
final class HeadlineTiles {
    private final Formats formats;
    private final FlowPane root = new FlowPane(12, 12);
    private final Map<Metric, Label> values = new EnumMap<>(Metric.class);
    private final Map<Metric, Label> changes = new EnumMap<>(Metric.class);
    private final Map<Metric, Label> titles = new EnumMap<>(Metric.class);
    private final Map<Metric, VBox> tiles = new EnumMap<>(Metric.class);
    private final Label live = new Label("–");

    HeadlineTiles(Formats formats) {
        this.formats = formats;
        root.getStyleClass().add("headline");
        root.getChildren().add(liveTile());
        for (Metric metric : DashboardModel.HEADLINE) {
            root.getChildren().add(tile(metric));
        }
        for (Metric metric : DashboardModel.GOAL_HEADLINE) {
            if (!tiles.containsKey(metric)) {
                root.getChildren().add(tile(metric));
            }
        }
        showTiles(false);
    }

    /** The goal tiles (conversions, conversion rate) under a goal filter, the traffic tiles otherwise. */
    private void showTiles(boolean goal) {
        List<Metric> shown = goal ? DashboardModel.GOAL_HEADLINE : DashboardModel.HEADLINE;
        tiles.forEach((metric, tile) -> {
            tile.setVisible(shown.contains(metric));
            tile.setManaged(shown.contains(metric));
        });
        titles.get(Metric.VISITORS).setText(goal ? "Unique conversions" : Names.metric(Metric.VISITORS));
        titles.get(Metric.EVENTS).setText(goal ? "Total conversions" : Names.metric(Metric.EVENTS));
    }

    Region root() {
        return root;
    }

    private VBox liveTile() {
        Region dot = new Region();
        dot.getStyleClass().add("live-dot");
        Label title = new Label("Current visitors");
        title.getStyleClass().add("tile-title");
        live.setId("current-visitors");
        live.getStyleClass().add("tile-value");
        VBox tile = new VBox(4, new HBox(6, dot, title), live);
        tile.getStyleClass().addAll("tile", "live");
        Tooltip.install(tile, new Tooltip("Visitors in the last 5 minutes, refreshed every "
                + DashboardModel.REALTIME_SECONDS + " s"));
        return tile;
    }

    private VBox tile(Metric metric) {
        Label title = new Label(Names.metric(metric));
        title.getStyleClass().add("tile-title");
        titles.put(metric, title);
        Label value = new Label("–");
        value.setId("value-" + metric.wireName());
        value.getStyleClass().add("tile-value");
        Label change = new Label("");
        change.setId("change-" + metric.wireName());
        change.getStyleClass().add("tile-change");
        values.put(metric, value);
        changes.put(metric, change);
        VBox tile = new VBox(4, title, value, change);
        tile.getStyleClass().add("tile");
        tiles.put(metric, tile);
        return tile;
    }

    void show(Map<Metric, MetricValue> headline) {
        boolean goal = headline.containsKey(Metric.CONVERSION_RATE);
        showTiles(goal);
        for (Metric metric : goal ? DashboardModel.GOAL_HEADLINE : DashboardModel.HEADLINE) {
            MetricValue v = headline.get(metric);
            Label change = changes.get(metric);
            change.getStyleClass().removeAll("good", "bad", "flat");
            if (v == null) {
                values.get(metric).setText("–");
                change.setText("");
                continue;
            }
            values.get(metric).setText(formats.metric(metric, ((Number) v.value()).doubleValue()));
            if (v.change() == null) {
                change.setText("");
            } else {
                double c = v.change();
                change.setText((c > 0 ? "↑ " : c < 0 ? "↓ " : "") + formats.change(c));
                // A rise is good news, but for the bounce rate.
                boolean good = metric != Metric.BOUNCE_RATE ? c > 0 : c < 0;
                change.getStyleClass().add(c == 0 ? "flat" : good ? "good" : "bad");
            }
        }
    }

    void showCurrentVisitors(long count) {
        live.setText(count < 0 ? "–" : formats.count(count));
    }
}
