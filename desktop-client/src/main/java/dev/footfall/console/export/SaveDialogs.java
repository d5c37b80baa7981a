package dev.footfall.console.export;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Asks where to save a file. The console uses the native dialog; tests answer with a path. */
@FunctionalInterface
public interface SaveDialogs {
    Optional<Path> askSavePath(Window owner, String title, String fileName, String kind, String extension);

    /** The platform's save dialog, starting in the folder last saved to. */
    static SaveDialogs fileChooser() {
        File[] lastDir = {new File(System.getProperty("user.home"))};
        return (owner, title, fileName, kind, extension) -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(title);
            chooser.setInitialFileName(fileName);
            if (lastDir[0].isDirectory()) {
                chooser.setInitialDirectory(lastDir[0]);
            }
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, "*." + extension));
            File file = chooser.showSaveDialog(owner);
            if (file == null) {
                return Optional.empty();
            }
            lastDir[0] = file.getParentFile();
            return Optional.of(file.toPath());
        };
    }
}
