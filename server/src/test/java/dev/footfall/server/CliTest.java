package dev.footfall.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.server.auth.ApiTokens;
import dev.footfall.server.config.FootfallConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code token create} prints a working token once; {@code token revoke} ends it; bad usage is exit code 2. */
class CliTest {
    @Test
    void createdTokenWorksUntilRevoked() {
        Map<String, String> values = TestInfra.freshConfig();
        FootfallConfig config = FootfallConfig.from(values);
        String token = run(config, "token", "create", "--name", "ci", "--admin").strip();
        assertTrue(token.startsWith("ff_"), token);
        try (RunningServer server = RunningServer.start(values)) {
            ApiTokens tokens = new ApiTokens(server.footfall().dataSource());
            assertTrue(tokens.find(token).orElseThrow().admin());
            assertEquals("revoked ci", run(config, "token", "revoke", "--name", "ci").strip());
            assertTrue(tokens.find(token).isEmpty());
        }
        assertEquals(2, new CommandLine(new Cli(config)).execute("token", "create"));
    }

    private static String run(FootfallConfig config, String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, new CommandLine(new Cli(config)).execute(args));
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
