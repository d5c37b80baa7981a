package dev.footfall.console.dashboard;

import dev.footfall.console.api.ApiException;
import dev.footfall.console.api.Problem;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The inline banner shown while the server cannot be used: what is wrong, that the console
 * keeps trying, and buttons to retry now or pick another server. Panels keep their last data.
 */
final class ConnectionBanner {
    private final HBox root = new HBox(10);
    private final Label text = new Label();

    ConnectionBanner(DashboardModel model, Runnable openServers) {
        root.setId("banner");
        root.getStyleClass().add("banner");
        root.setAlignment(Pos.CENTER_LEFT);
        text.setId("banner-text");
        text.setWrapText(true);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        Button retry = new Button("Retry now");
        retry.setId("retry");
        retry.setOnAction(e -> model.retry());
        Button servers = new Button("Servers…");
        servers.setOnAction(e -> openServers.run());
        root.getChildren().addAll(text, retry, servers);
        root.managedProperty().bind(root.visibleProperty());
        root.setVisible(false);
        model.connection().addListener((obs, old, problem) -> show(problem));
    }

    Region root() {
        return root;
    }

    private void show(ApiException problem) {
        root.setVisible(problem != null);
        if (problem == null) {
            return;
        }
        boolean retrying = problem.problem().transientFailure();
        text.setText(problem.describe() + (retrying
                ? ". Showing the last data; retrying every " + DashboardModel.PROBE_SECONDS + " s."
                : problem.problem() == Problem.UNAUTHORIZED ? ". Check the token under Servers." : "."));
    }
}
