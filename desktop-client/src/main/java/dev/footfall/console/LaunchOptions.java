package dev.footfall.console;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --server URL} and {@code --token TOKEN} (also {@code --server=URL}), falling back to
 * {@code FOOTFALL_SERVER} and {@code FOOTFALL_TOKEN}. Given a server, the console opens its
 * dashboard directly; these values are used for the session only and never written to the
 * settings file. {@link #toString()} hides the token.
 */
public record LaunchOptions(Optional<String> server, Optional<String> token) {
    public static final LaunchOptions NONE = new LaunchOptions(Optional.empty(), Optional.empty());

    public static LaunchOptions parse(List<String> args, Map<String, String> env) {
        String server = env.get("FOOTFALL_SERVER");
        String token = env.get("FOOTFALL_TOKEN");
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String next = i + 1 < args.size() ? args.get(i + 1) : null;
            if (arg.startsWith("--server=")) {
                server = arg.substring("--server=".length());
            } else if (arg.startsWith("--token=")) {
                token = arg.substring("--token=".length());
            } else if (arg.equals("--server") && next != null) {
                server = next;
                i++;
            } else if (arg.equals("--token") && next != null) {
                token = next;
                i++;
            } else {
                throw new IllegalArgumentException("unknown option " + arg
                        + " (usage: footfall-console [--server URL] [--token TOKEN])");
            }
        }
        return new LaunchOptions(nonBlank(server), nonBlank(token));
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }

    @Override
    public String toString() {
        return "LaunchOptions[server=" + server.orElse("-") + ", token=" + (token.isPresent() ? "***" : "-") + "]";
    }
}
