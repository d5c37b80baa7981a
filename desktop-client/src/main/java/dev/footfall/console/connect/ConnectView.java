package dev.footfall.console.connect;

import dev.footfall.console.settings.ServerProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;

/** The connection screen: loads {@code connect.fxml} beside it and binds it to a {@link ConnectModel}. */
public final class ConnectView {
    private static final String FXML = "connect.fxml";

    private final ConnectModel model;
    private final Parent root;

    @FXML private ListView<ServerProfile> servers;
    @FXML private Button forget;
    @FXML private TextField url;
    @FXML private PasswordField token;
    @FXML private Button test;
    @FXML private Button connect;
    @FXML private ProgressIndicator busy;
    @FXML private Label status;

    public ConnectView(ConnectModel model) {
        this.model = model;
        URL fxml = ConnectView.class.getResource(FXML);
        if (fxml == null) {
            throw new IllegalStateException("missing " + FXML + " beside " + ConnectView.class.getName());
        }
        FXMLLoader loader = new FXMLLoader(fxml);
        loader.setController(this);
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + FXML, e);
        }
        root.getStylesheets().add(ConnectView.class.getResource("connect.css").toExternalForm());
    }

    public Parent root() {
        return root;
    }

    @FXML
    private void initialize() {
        servers.setItems(model.servers());
        servers.getSelectionModel().selectedItemProperty().addListener((obs, old, selected) -> model.select(selected));
        forget.disableProperty().bind(servers.getSelectionModel().selectedItemProperty().isNull());
        forget.setOnAction(e -> model.forget(servers.getSelectionModel().getSelectedItem()));
        url.textProperty().bindBidirectional(model.url());
        token.textProperty().bindBidirectional(model.token());
        test.disableProperty().bind(model.busy());
        connect.disableProperty().bind(model.busy());
        test.setOnAction(e -> model.test());
        connect.setOnAction(e -> model.connect());
        busy.visibleProperty().bind(model.busy());
        status.textProperty().bind(model.status());
        model.outcome().addListener((obs, old, outcome) -> {
            status.getStyleClass().removeAll("ok", "failed");
            if (outcome != ConnectModel.Outcome.NONE) {
                status.getStyleClass().add(outcome == ConnectModel.Outcome.OK ? "ok" : "failed");
            }
        });
    }
}
