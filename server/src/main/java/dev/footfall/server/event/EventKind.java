package dev.footfall.server.event;

/** What an event is; the code is what {@code events.kind} stores. */
public enum EventKind {
    PAGEVIEW(1),
    CUSTOM(2),
    /** Time on page and scroll depth of the page being left; never a pageview, never interactive. */
    ENGAGEMENT(3);

    private final int code;

    EventKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static EventKind ofCode(int code) {
        for (EventKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no event kind with code " + code);
    }

    public static EventKind ofName(String name) {
        return switch (name) {
            case "pageview" -> PAGEVIEW;
            case "engagement" -> ENGAGEMENT;
            default -> CUSTOM;
        };
    }
}
