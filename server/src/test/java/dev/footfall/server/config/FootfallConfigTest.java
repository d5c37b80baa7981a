package dev.footfall.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Invalid configuration stops start-up with a message naming the variable. */
class FootfallConfigTest {
    record Case(String variable, String value) {
        @Override
        public String toString() {
            return variable + "=" + value;
        }
    }

    static Stream<Case> invalid() {
        return Stream.of(new Case("PORT", "eighty"), new Case("PORT", "70000"), new Case("MYSQL_URL", "postgres://x"),
                new Case("REDIS_URL", "http://localhost"), new Case("FOOTFALL_DEMO", "maybe"),
                new Case("FOOTFALL_RATE_LIMIT", "-1"), new Case("FOOTFALL_AUTO_SITES", "2"),
                new Case("FOOTFALL_GEOIP_DB", "/no/such/file.mmdb"),
                // Checked here, before MariaDB starts, not later when the resolver and the Redis client are built.
                new Case("FOOTFALL_TRUSTED_PROXIES", "10.0.0.0/33"), new Case("FOOTFALL_TRUSTED_PROXIES", "proxy.local"),
                new Case("REDIS_URL", "redis://bad host:6379"), new Case("REDIS_URL", "redis:///nohost"),
                new Case("REDIS_URL", "redis://a:6379,b:6379"), new Case("REDIS_URL", "redis-sentinel://a:26379,b:26379"),
                new Case("REDIS_URL", "redis-sentinel://a:26379/mymaster/x"), new Case("REDIS_URL", "redis-cluster://"),
                new Case("REDIS_URL", "redis-cluster://a:6379,,b:6379"), new Case("REDIS_URL", "redis-cluster://a:6379/1"),
                new Case("REDIS_URL", "redis-cluster://a:70000"), new Case("REDIS_URL", "redis+cluster://a:6379"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejectsNamingTheVariable(Case c) {
        ConfigException e = assertThrows(ConfigException.class, () -> FootfallConfig.from(Map.of(c.variable(), c.value())));
        assertEquals(c.variable(), e.variable());
        assertTrue(e.getMessage().startsWith(c.variable()), e.getMessage());
    }

    @Test
    void mariadbUrlsUseTheOneDriver() {
        assertEquals("jdbc:mysql://db:3306/footfall", FootfallConfig.from(Map.of("MYSQL_URL", "jdbc:mariadb://db:3306/footfall")).mysqlUrl());
    }

    @Test
    void defaultsToTheEmbeddedModeWithAutoSites() {
        FootfallConfig config = FootfallConfig.from(Map.of());
        assertEquals(8080, config.port());
        assertTrue(config.embeddedDatabase());
        assertTrue(config.embeddedRedis());
        assertTrue(config.autoSites());
        assertFalse(config.demo());
    }

    @Test
    void externalDatabaseTurnsAutoSitesOff() {
        FootfallConfig config = FootfallConfig.from(Map.of("MYSQL_URL", "jdbc:mysql://db:3306/footfall"));
        assertFalse(config.embeddedDatabase());
        assertFalse(config.autoSites());
    }

    @Test
    void dotEnvFileIsRead(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env"), "# comment\nPORT=9090\nexport FOOTFALL_DEMO=\"true\"\n\n");
        Map<String, String> values = ConfigLoader.dotEnv(dir.resolve(".env"));
        assertEquals("9090", values.get("PORT"));
        assertEquals("true", values.get("FOOTFALL_DEMO"));
    }

    @Test
    void yamlDefaultsAreLoaded() {
        assertEquals("8080", ConfigLoader.yamlDefaults().get("PORT"));
    }
}
