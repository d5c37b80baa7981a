package dev.footfall.console.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.footfall.console.LaunchOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @TempDir
    Path home;

    @Test
    void tokensAreSavedOwnerOnlyAndNeverPrinted() throws Exception {
        SettingsStore store = new SettingsStore(home.resolve("footfall-console"));
        Settings settings = Settings.DEFAULT.withServer(new ServerProfile("http://a:8080", "secret-token-1"))
                .withServer(new ServerProfile("http://b:8080", "secret-token-2"));
        store.save(settings);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
        assertEquals("rwx------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(store.file().getParent())));
        Settings loaded = store.load();
        assertEquals(List.of("http://b:8080", "http://a:8080"), loaded.servers().stream().map(ServerProfile::url).toList());
        assertEquals("secret-token-2", loaded.current().orElseThrow().token());
        assertFalse(loaded.toString().contains("secret-token"), loaded.toString());
        LaunchOptions options = LaunchOptions.parse(List.of("--server", "http://c", "--token=abc123"), Map.of());
        assertEquals("http://c", options.server().orElseThrow());
        assertFalse(options.toString().contains("abc123"));
    }

    @Test
    void environmentSuppliesWhatTheCommandLineDoesNot() {
        LaunchOptions options = LaunchOptions.parse(List.of("--server=http://x:1"),
                Map.of("FOOTFALL_SERVER", "http://env", "FOOTFALL_TOKEN", "t"));
        assertEquals("http://x:1", options.server().orElseThrow());
        assertEquals("t", options.token().orElseThrow());
    }
}
