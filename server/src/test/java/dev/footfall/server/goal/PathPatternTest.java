package dev.footfall.server.goal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Page patterns: {@code *} stays within a segment, {@code **} crosses {@code /}, {@code |} separates alternatives, the rest is literal. */
class PathPatternTest {
    record Case(String pattern, String path, boolean matches) {
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("/pricing", "/pricing", true),
                new Case("/pricing", "/pricing/", false),
                new Case("/pricing", "/Pricing", false),
                new Case("/blog/*", "/blog/a", true),
                new Case("/blog/*", "/blog/", true),
                new Case("/blog/*", "/blog/a/b", false),
                new Case("/blog/*", "/blog", false),
                new Case("/blog/**", "/blog/a/b", true),
                new Case("/blog/**", "/blogger", false),
                new Case("/**", "/", true),
                new Case("/*/setup", "/docs/setup", true),
                new Case("/*/setup", "/a/b/setup", false),
                new Case("/d*", "/docs", true),
                new Case("/d*", "/docs/setup", false),
                new Case("/docs|/docs/**", "/docs", true),
                new Case("/docs|/docs/**", "/docs/a/b", true),
                new Case("/docs|/docs/**", "/doc", false),
                new Case("/a.b", "/aXb", false),
                new Case("/(x)+", "/(x)+", true));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesAsDocumented(Case c) {
        assertEquals(c.matches(), PathPattern.parse(c.pattern(), "page_path").matches(c.path()), c.toString());
    }
}
