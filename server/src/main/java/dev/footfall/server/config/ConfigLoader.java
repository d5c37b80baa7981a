package dev.footfall.server.config;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Layers the configuration sources, highest first: environment variables, a {@code .env} file
 * in the working directory, then {@code application.yaml} on the classpath (Helidon Config).
 * The result is the flat map {@link FootfallConfig#from} validates.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    public static FootfallConfig load(Path workingDir) {
        Map<String, String> values = new HashMap<>(yamlDefaults());
        values.putAll(dotEnv(workingDir.resolve(".env")));
        values.putAll(System.getenv());
        return FootfallConfig.from(values);
    }

    /** {@code application.yaml} keys are the variable names themselves, so the file documents them. */
    static Map<String, String> yamlDefaults() {
        Config config = Config.just(ConfigSources.classpath("application.yaml").optional());
        return config.asMap().orElse(Map.of());
    }

    /** KEY=VALUE lines; blank lines and # comments skipped; optional surrounding quotes removed. */
    static Map<String, String> dotEnv(Path file) {
        Map<String, String> values = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return values;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                if (trimmed.startsWith("export ")) {
                    trimmed = trimmed.substring(7).strip();
                }
                int eq = trimmed.indexOf('=');
                if (eq <= 0) {
                    throw new ConfigException(".env", "line is not KEY=VALUE: " + line);
                }
                String value = trimmed.substring(eq + 1).strip();
                if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
                    value = value.substring(1, value.length() - 1);
                }
                values.put(trimmed.substring(0, eq).strip(), value);
            }
        } catch (IOException e) {
            throw new ConfigException(".env", "cannot be read: " + e.getMessage());
        }
        return values;
    }
}
