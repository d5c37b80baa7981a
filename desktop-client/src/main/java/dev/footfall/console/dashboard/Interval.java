package dev.footfall.console.dashboard;

/** Timeseries bucket sizes, named as the API's {@code interval} parameter. */
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
