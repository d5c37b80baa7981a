package dev.footfall.console.dashboard;

/** Timeseries bucket sizes as the interval box lists them, named as the API's {@code interval} parameter ({@link #wire}). */
public enum Interval {
    HOUR("hour", "Hourly"),
    DAY("day", "Daily"),
    WEEK("week", "Weekly"),
    MONTH("month", "Monthly");

    private final String apiName;
    private final String label;

    Interval(String apiName, String label) {
        this.apiName = apiName;
        this.label = label;
    }

    public String apiName() {
        return apiName;
    }

    /** The shared model's interval of the same name. */
    public dev.footfall.model.stats.Interval wire() {
        return dev.footfall.model.stats.Interval.valueOf(name());
    }

    public static Interval fromApiName(String name) {
        for (Interval i : values()) {
            if (i.apiName.equals(name)) {
                return i;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return label;
    }
}
