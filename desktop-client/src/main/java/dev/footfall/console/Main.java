package dev.footfall.console;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

public final class Main extends Application {
    @Override
    public void start(Stage stage) {
        Label label = new Label("Footfall");
        label.setId("title");
        stage.setScene(new Scene(label, 400, 300));
        stage.show();
    }

    public static void main(String[] args) {
        launch(Main.class, args);
    }
}
