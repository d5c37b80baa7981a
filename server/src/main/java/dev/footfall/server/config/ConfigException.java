package dev.footfall.server.config;

/** A configuration value that cannot be used; the message names the variable so start-up can say exactly what to fix. */
public final class ConfigException extends RuntimeException {
    private final String variable;

    public ConfigException(String variable, String problem) {
        super(variable + " " + problem);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
