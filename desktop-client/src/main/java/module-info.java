/** The Footfall desktop console: a JavaFX client of the server's stats API. */
module dev.footfall.console {
    requires javafx.controls;
    requires javafx.fxml;
    requires atlantafx.base;
    requires java.net.http;
    requires java.logging;
    requires com.fasterxml.jackson.databind;
    requires transitive dev.footfall.model;

    exports dev.footfall.console;
    exports dev.footfall.console.api;
    exports dev.footfall.console.dashboard;
    exports dev.footfall.console.settings to com.fasterxml.jackson.databind;

    opens dev.footfall.console.connect to javafx.fxml;
    opens dev.footfall.console.settings to com.fasterxml.jackson.databind;
}
