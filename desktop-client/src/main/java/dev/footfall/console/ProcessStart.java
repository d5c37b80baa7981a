package dev.footfall.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When this process started, for the start-up log lines. {@code ProcessHandle}'s start instant
 * is the boot time from {@code /proc/stat} plus the process's start in clock ticks since boot,
 * and that boot time is in whole seconds: every duration measured from it is too long by the
 * boot time's lost fraction, a constant 0 to 1 s per boot (0.22 s on the benchmark machine).
 * On Linux this reads both ends relative to boot instead ({@code /proc/uptime} and the start
 * ticks in {@code /proc/self/stat}), exact to a clock tick (10 ms); elsewhere it falls back to
 * {@code ProcessHandle}.
 */
final class ProcessStart {
    /** Linux's fixed clock-tick rate for {@code /proc} ({@code USER_HZ}). */
    private static final int TICKS_PER_SECOND = 100;

    private ProcessStart() {
    }

    static Instant instant() {
        Instant now = Instant.now();
        return sinceBoot().map(now::minus)
                .or(() -> ProcessHandle.current().info().startInstant())
                .orElse(now);
    }

    /** Time since this process started, or empty when {@code /proc} cannot tell. */
    private static Optional<Duration> sinceBoot() {
        try {
            String uptime = Files.readString(Path.of("/proc/uptime"));
            String stat = Files.readString(Path.of("/proc/self/stat"));
            return Optional.of(elapsed(uptime, stat));
        } catch (IOException | RuntimeException notLinux) {
            return Optional.empty();
        }
    }

    /**
     * From {@code /proc/uptime} ("seconds-since-boot idle-seconds") and {@code /proc/self/stat}
     * (field 22 is the start in ticks since boot; field 2, the command name in parentheses, may
     * itself hold spaces and parentheses, so fields are counted after its last ')').
     */
    static Duration elapsed(String uptime, String stat) {
        double up = Double.parseDouble(uptime.strip().split("\\s+")[0]);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long startTicks = Long.parseLong(fields[19]);
        long ms = Math.round(up * 1000) - startTicks * 1000 / TICKS_PER_SECOND;
        if (ms < 0) {
            throw new IllegalArgumentException("process starts after now: " + ms + " ms");
        }
        return Duration.ofMillis(ms);
    }
}
