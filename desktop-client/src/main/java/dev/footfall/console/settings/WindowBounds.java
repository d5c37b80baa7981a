package dev.footfall.console.settings;

/** Where the main window was and how large, to reopen it the same way. */
public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
    public static final WindowBounds DEFAULT = new WindowBounds(Double.NaN, Double.NaN, 1280, 800, false);

    public WindowBounds {
        width = Math.max(width, 640);
        height = Math.max(height, 480);
    }
}
