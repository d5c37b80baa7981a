package dev.footfall.console.api;

/**
 * A site's goal as the console edits it: {@code type} page, event or scroll; {@code target} the
 * page pattern or the event name; {@code scrollThreshold} for scroll goals (else null); {@code id}
 * 0 until stored. A blank {@code name} lets the server pick the default ("Visit /pricing").
 */
public record Goal(int id, String type, String name, String target, Integer scrollThreshold) {
    public Goal {
        name = name == null ? "" : name.strip();
        target = target == null ? "" : target.strip();
    }
}
