/** The Footfall desktop console: a JavaFX client of the server's stats API. */
module dev.footfall.console {
    requires javafx.controls;
    requires javafx.fxml;
    requires atlantafx.base;
    requires java.net.http;
    requires java.logging;
    requires com.fasterxml.jackson.databind;

    exports dev.footfall.console;
}
