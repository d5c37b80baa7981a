package dev.footfall.server.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code docker-compose config} accepts the production compose file with {@code .env.example},
 * with and without the scale profile. Needs Debian's docker-compose (no Docker engine): skipped
 * with a hint where it is missing, except under CI.
 */
class ComposeFileIT {
    @ParameterizedTest
    @ValueSource(strings = {"", "scale"})
    void composeFileParses(String profile) throws Exception {
        boolean present = new File("/usr/bin/docker-compose").canExecute();
        if (!present && System.getenv("CI") != null) {
            throw new IllegalStateException("CI must check the compose file: install docker-compose (.ci/install-packages.sh)");
        }
        Assumptions.assumeTrue(present, "docker-compose not found: `sudo apt-get install docker-compose` to check docker-compose.yml");
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> command = new ArrayList<>(List.of("docker-compose", "--env-file", ".env.example"));
        if (!profile.isEmpty()) {
            command.addAll(List.of("--profile", profile));
        }
        command.addAll(List.of("config", "-q"));
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
    }
}
