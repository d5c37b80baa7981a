package dev.footfall.server.enrich;

/**
 * The three device types the dashboards break visits down by, as Plausible and GoatCounter do.
 * Finer classes (watch, TV, console, e-reader) are folded into these three by
 * {@link DeviceRule}; a fourth type would cost a column in every device report and buy little.
 */
public enum DeviceType {
    DESKTOP("Desktop"),
    MOBILE("Mobile"),
    TABLET("Tablet");

    private final String label;

    DeviceType(String label) {
        this.label = label;
    }

    /** The display name stored as the device dimension value: "Desktop", "Mobile" or "Tablet". */
    public String label() {
        return label;
    }
}
