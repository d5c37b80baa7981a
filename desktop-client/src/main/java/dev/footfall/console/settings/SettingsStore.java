package dev.footfall.console.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads and writes {@link Settings} as {@code settings.json} in the user's config folder
 * ({@code $XDG_CONFIG_HOME/footfall-console}, else {@code ~/.config/footfall-console};
 * {@code FOOTFALL_CONSOLE_HOME} overrides it). The file holds API tokens, so the folder is
 * created {@code rwx------} and the file {@code rw-------} before any byte is written, and a
 * save replaces the file atomically. Log lines name the path, never the content.
 */
public final class SettingsStore {
    private static final Logger LOG = Logger.getLogger(SettingsStore.class.getName());
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path dir;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SettingsStore(Path dir) {
        this.dir = dir;
    }

    public static Path defaultDir() {
        String override = System.getenv("FOOTFALL_CONSOLE_HOME");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("footfall-console");
    }

    public Path file() {
        return dir.resolve("settings.json");
    }

    /** The saved settings, or the defaults when there are none or the file cannot be read. */
    public Settings load() {
        Path file = file();
        if (!Files.exists(file)) {
            return Settings.DEFAULT;
        }
        try {
            return json.readValue(file.toFile(), Settings.class);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "[settings] cannot read {0}, starting with defaults: {1}",
                    new Object[] {file, e.getClass().getSimpleName()});
            return Settings.DEFAULT;
        }
    }

    public void save(Settings settings) {
        try {
            createPrivateDir();
            Path tmp = dir.resolve("settings.json.tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, privateFile());
            Files.write(tmp, json.writeValueAsBytes(settings));
            try {
                Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "[settings] cannot save {0}: {1}", new Object[] {file(), e.toString()});
        }
    }

    private void createPrivateDir() throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, privateDir());
        } catch (FileAlreadyExistsException raced) {
            // another window created it first
        }
    }

    private static FileAttribute<?>[] privateFile() {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                : new FileAttribute<?>[0];
    }

    private static FileAttribute<?>[] privateDir() {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_DIR)}
                : new FileAttribute<?>[0];
    }

    private static boolean posix() {
        return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
