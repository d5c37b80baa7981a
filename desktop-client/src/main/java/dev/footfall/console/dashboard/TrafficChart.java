package dev.footfall.console.dashboard;

import dev.footfall.console.api.TimePoint;
import dev.footfall.console.format.Formats;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

/**
 * The main line chart: visitors and pageviews per bucket. Every point has a tooltip with both
 * numbers and, on the visitors line, the id {@code point-<bucket>}; clicking any point of a
 * bucket drills into it. With "Compare" on, a dashed third line ({@code #previous-line}) draws the
 * previous period's visitors, its bucket i over the range's bucket i (points
 * {@code previous-<its own bucket>}, with that bucket's date in the tooltip); it is absent otherwise.
 */
final class TrafficChart {
    private final Formats formats;
    private final Consumer<String> onBucketClicked;
    private final CategoryAxis xAxis = new CategoryAxis();
    private final NumberAxis yAxis = new NumberAxis();
    private final LineChart<String, Number> chart = new LineChart<>(xAxis, yAxis);
    private final XYChart.Series<String, Number> visitors = new XYChart.Series<>();
    private final XYChart.Series<String, Number> pageviews = new XYChart.Series<>();
    private final XYChart.Series<String, Number> previous = new XYChart.Series<>();
    /** The x labels of the range's buckets as last shown: the previous line's points sit on them. */
    private List<String> labels = List.of();
    /** Whether the axis labels carry the year (a range over two years); the previous line's tooltips follow. */
    private boolean multiYear;

    TrafficChart(Formats formats, Consumer<String> onBucketClicked) {
        this.formats = formats;
        this.onBucketClicked = onBucketClicked;
        chart.setId("traffic-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        chart.setLegendVisible(true);
        chart.setMinHeight(280);
        chart.setPrefHeight(320);
        xAxis.setAnimated(false);
        yAxis.setAnimated(false);
        yAxis.setForceZeroInRange(true);
        yAxis.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number n) {
                return formats.count(n.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        visitors.setName("Visitors");
        pageviews.setName("Pageviews");
        previous.setName("Visitors, previous period");
        chart.getData().addAll(List.of(visitors, pageviews));
    }

    /** Names the lines for a goal filter (unique and total conversions) or for traffic (visitors and pageviews). */
    void conversions(boolean goal) {
        visitors.setName(goal ? "Unique conversions" : "Visitors");
        pageviews.setName(goal ? "Total conversions" : "Pageviews");
        previous.setName(goal ? "Unique conversions, previous period" : "Visitors, previous period");
    }

    LineChart<String, Number> node() {
        return chart;
    }

    void show(List<TimePoint> points, Interval interval) {
        visitors.getData().clear();
        pageviews.getData().clear();
        multiYear = points.size() > 1
                && !points.getFirst().date().substring(0, 4).equals(points.getLast().date().substring(0, 4));
        labels = points.stream().map(p -> label(p.date(), interval, multiYear)).toList();
        for (TimePoint p : points) {
            String label = label(p.date(), interval, multiYear);
            XYChart.Data<String, Number> v = new XYChart.Data<>(label, p.visitors());
            XYChart.Data<String, Number> pv = new XYChart.Data<>(label, p.pageviews());
            visitors.getData().add(v);
            pageviews.getData().add(pv);
            decorate(v.getNode(), "point-" + p.date(), p, label);
            decorate(pv.getNode(), "pageviews-" + p.date(), p, label);
        }
    }

    /**
     * Draws the previous period's visitors over the range's buckets, as many as both have; an
     * empty list removes the line. Call after {@link #show}, whose buckets it follows.
     */
    void showPrevious(List<TimePoint> points, Interval interval) {
        previous.getData().clear();
        if (points.isEmpty() || labels.isEmpty()) {
            chart.getData().remove(previous);
            return;
        }
        if (!chart.getData().contains(previous)) {
            chart.getData().add(previous);
            previous.getNode().setId("previous-line");
            previous.getNode().getStyleClass().add("previous-line");
        }
        for (int i = 0; i < Math.min(points.size(), labels.size()); i++) {
            TimePoint p = points.get(i);
            XYChart.Data<String, Number> v = new XYChart.Data<>(labels.get(i), p.visitors());
            previous.getData().add(v);
            Node node = v.getNode();
            if (node != null) {
                node.setId("previous-" + p.date());
                node.getStyleClass().add("previous-point");
                Tooltip tip = new Tooltip(label(p.date(), interval, multiYear) + " (previous period)\n"
                        + previous.getName().replace(", previous period", "") + ": " + formats.count(p.visitors()));
                tip.setShowDelay(Duration.millis(100));
                Tooltip.install(node, tip);
            }
        }
    }

    private void decorate(Node node, String id, TimePoint p, String label) {
        if (node == null) {
            return;
        }
        node.setId(id);
        node.setCursor(Cursor.HAND);
        Tooltip tip = new Tooltip(label + "\nVisitors: " + formats.count(p.visitors())
                + "\nPageviews: " + formats.count(p.pageviews()) + "\nClick to drill down");
        tip.setShowDelay(Duration.millis(100));
        Tooltip.install(node, tip);
        node.setOnMouseClicked(e -> onBucketClicked.accept(p.date()));
    }

    /** "5 Nov", "13:00", "5 Nov 13:00", "Nov 2026"; with the year when the range spans years. */
    static String label(String bucket, Interval interval, boolean multiYear) {
        Locale locale = Locale.getDefault(Locale.Category.FORMAT);
        try {
            if (interval == Interval.HOUR && bucket.length() >= 13) {
                LocalDateTime t = LocalDateTime.parse(bucket.substring(0, 13) + ":00",
                        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
                return t.format(DateTimeFormatter.ofPattern("d MMM HH:mm", locale));
            }
            LocalDate d = LocalDate.parse(bucket.substring(0, 10));
            if (interval == Interval.MONTH) {
                return d.format(DateTimeFormatter.ofPattern("MMM yyyy", locale));
            }
            return d.format(DateTimeFormatter.ofPattern(multiYear ? "d MMM yy" : "d MMM", locale));
        } catch (RuntimeException unexpected) {
            return bucket;
        }
    }
}
