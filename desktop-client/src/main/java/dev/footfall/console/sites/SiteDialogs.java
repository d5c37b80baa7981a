package dev.footfall.console.sites;

import dev.footfall.console.Background;
import dev.footfall.console.api.ApiException;
import dev.footfall.console.api.FootfallClient;
import dev.footfall.console.api.Problem;
import dev.footfall.model.stats.SiteInfo;
import java.time.ZoneId;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** "Add site" (domain and time zone) and "Embed snippet" (with a copy button). */
public final class SiteDialogs {
    private final Background background;
    private final FootfallClient client;

    public SiteDialogs(Background background, FootfallClient client) {
        this.background = background;
        this.client = client;
    }

    /** Asks for a domain and time zone, creates the site, then shows its snippet. */
    public void addSite(Window owner, Consumer<SiteInfo> onAdded) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Add site");
        dialog.setHeaderText("Track a new website");
        TextField domain = new TextField();
        domain.setId("new-domain");
        domain.setPromptText("example.com");
        ComboBox<String> zone = new ComboBox<>();
        zone.setId("new-timezone");
        zone.setEditable(true);
        zone.getItems().setAll(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        zone.setValue(ZoneId.systemDefault().getId());
        GridPane form = new GridPane(10, 10);
        form.addRow(0, new Label("Domain"), domain);
        form.addRow(1, new Label("Time zone"), zone);
        form.setPadding(new Insets(10));
        dialog.getDialogPane().setContent(form);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(ButtonType.OK).disableProperty()
                .bind(domain.textProperty().isEmpty());
        dialog.setOnShown(e -> domain.requestFocus());
        dialog.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> {
            String d = domain.getText().strip();
            String z = zone.getEditor().getText().isBlank() ? zone.getValue() : zone.getEditor().getText().strip();
            background.run(() -> client.addSite(d, z), site -> {
                onAdded.accept(site);
                showSnippet(owner, site.domain());
            }, error -> alert(owner, "Could not add " + d, error));
        });
    }

    /** Loads the server's embed snippet for {@code domain} and shows it with a copy button. */
    public void showSnippet(Window owner, String domain) {
        background.run(() -> snippet(domain), text -> {
            Dialog<ButtonType> dialog = new Dialog<>();
            dialog.initOwner(owner);
            dialog.setTitle("Embed snippet");
            dialog.setHeaderText("Add this to the <head> of every page of " + domain);
            TextArea area = new TextArea(text);
            area.setId("snippet-text");
            area.setEditable(false);
            area.setWrapText(true);
            area.setPrefRowCount(4);
            area.setPrefColumnCount(60);
            Button copy = new Button("Copy");
            copy.setId("copy-snippet");
            copy.setOnAction(e -> {
                ClipboardContent content = new ClipboardContent();
                content.putString(text);
                Clipboard.getSystemClipboard().setContent(content);
                copy.setText("Copied");
            });
            dialog.getDialogPane().setContent(new VBox(10, area, copy));
            dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
            dialog.show();
        }, error -> alert(owner, "Could not load the snippet of " + domain, error));
    }

    /** The server's snippet; the documented tag when the server predates the snippet endpoint. */
    private String snippet(String domain) {
        try {
            return client.snippet(domain).strip();
        } catch (ApiException e) {
            if (e.problem() != Problem.NOT_FOOTFALL) {
                throw e;
            }
            return "<script defer data-domain=\"" + domain + "\" src=\"" + client.base() + "/tracker.js\"></script>";
        }
    }

    private static void alert(Window owner, String header, Throwable error) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner);
        alert.setHeaderText(header);
        alert.setContentText(error instanceof ApiException a ? a.describe() : error.toString());
        alert.show();
    }
}
