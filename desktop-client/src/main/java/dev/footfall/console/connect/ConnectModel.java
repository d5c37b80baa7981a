package dev.footfall.console.connect;

import dev.footfall.console.Background;
import dev.footfall.console.api.ApiException;
import dev.footfall.console.api.ConnectionCheck;
import dev.footfall.console.api.FootfallClient;
import dev.footfall.console.settings.ServerProfile;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The connection screen's state and commands: the address and token being edited, the
 * remembered servers, and the result of the last check in words that name the problem.
 */
public final class ConnectModel {
    /** How the last check ended; drives the status line's colour. */
    public enum Outcome { NONE, OK, FAILED }

    private final Background background;
    private final Consumer<ServerProfile> onConnected;
    private final Consumer<ServerProfile> onForget;
    private final StringProperty url = new SimpleStringProperty("http://localhost:8080");
    private final StringProperty token = new SimpleStringProperty("");
    private final ObservableList<ServerProfile> servers = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Outcome> outcome = new ReadOnlyObjectWrapper<>(Outcome.NONE);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

    public ConnectModel(Background background, List<ServerProfile> remembered, Consumer<ServerProfile> onConnected,
                        Consumer<ServerProfile> onForget) {
        this.background = background;
        this.onConnected = onConnected;
        this.onForget = onForget;
        servers.setAll(remembered);
        if (!remembered.isEmpty()) {
            select(remembered.getFirst());
        }
    }

    public StringProperty url() {
        return url;
    }

    public StringProperty token() {
        return token;
    }

    public ObservableList<ServerProfile> servers() {
        return servers;
    }

    public ReadOnlyStringProperty status() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Outcome> outcome() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busy() {
        return busy.getReadOnlyProperty();
    }

    public void select(ServerProfile profile) {
        if (profile != null) {
            url.set(profile.url());
            token.set(profile.token());
            report(Outcome.NONE, "");
        }
    }

    public void forget(ServerProfile profile) {
        if (profile != null) {
            servers.remove(profile);
            onForget.accept(profile);
        }
    }

    /** Checks the address and token and says what is wrong, if anything. */
    public void test() {
        check(false);
    }

    /** Checks, then opens the dashboard when the server accepted the token. */
    public void connect() {
        check(true);
    }

    private void check(boolean open) {
        if (busy.get()) {
            return;
        }
        ServerProfile profile;
        FootfallClient client;
        try {
            profile = new ServerProfile(url.get(), token.get());
            client = FootfallClient.create(profile.url(), profile.token());
        } catch (ApiException e) {
            report(Outcome.FAILED, e.describe());
            return;
        } catch (IllegalArgumentException e) {
            report(Outcome.FAILED, "Enter the server address, for example http://localhost:8080");
            return;
        }
        busy.set(true);
        report(Outcome.NONE, "Connecting to " + client.base() + " …");
        background.run(client::check, result -> {
            busy.set(false);
            switch (result) {
                case ConnectionCheck.Connected c -> {
                    report(Outcome.OK, "Connected: " + c.siteCount() + (c.siteCount() == 1 ? " site" : " sites"));
                    if (open) {
                        onConnected.accept(profile);
                    }
                }
                case ConnectionCheck.Failed f -> report(Outcome.FAILED, f.problem().title() + ": " + f.detail());
            }
        }, error -> {
            busy.set(false);
            report(Outcome.FAILED, "Check failed: " + error.getClass().getSimpleName());
        });
    }

    private void report(Outcome kind, String text) {
        outcome.set(kind);
        status.set(text);
    }
}
