package dev.footfall.console.api;

/**
 * One {@code property==value} condition of the stats API's {@code filters} parameter, for
 * example {@code visit:source==Google}. Conditions are joined with {@code ;} (and). {@code shown}
 * is how the chip names the value when it is a code ("Munich" for {@code visit:city==2867714}),
 * else "".
 */
public record Filter(String property, String value, String shown) {
    public Filter(String property, String value) {
        this(property, value, "");
    }

    public Filter {
        shown = shown == null ? "" : shown;
        if (property == null || !property.contains(":")) {
            throw new IllegalArgumentException("filter property must look like visit:source, was " + property);
        }
        if (value == null) {
            throw new IllegalArgumentException("filter value missing for " + property);
        }
    }

    /** The wire form. The API splits on {@code ;} and {@code |} and has no escape for them. */
    public String expression() {
        return property + "==" + value;
    }

    /** "Source is Google" for chips. */
    public String label() {
        return Dimension.labelOf(property) + " is " + value;
    }
}
