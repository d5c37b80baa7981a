package dev.footfall.server.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.footfall.server.event.Utm;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UtmTest {

    record Case(String name, String url, Utm expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("all five", "https://example.com/?utm_source=news&utm_medium=email&utm_campaign=spring"
                        + "&utm_term=shoes&utm_content=banner", new Utm("news", "email", "spring", "shoes", "banner")),
                new Case("none", "https://example.com/a?b=c", Utm.NONE),
                new Case("no query", "https://example.com/", Utm.NONE),
                new Case("decoded, plus is space", "https://example.com/?utm_campaign=Black+Friday%20%E2%82%AC",
                        new Utm("", "", "Black Friday €", "", "")),
                new Case("trimmed", "https://example.com/?utm_source=%20%20google%20", new Utm("google", "", "", "", "")),
                new Case("names case-insensitive", "https://example.com/?UTM_SOURCE=x", new Utm("x", "", "", "", "")),
                new Case("first occurrence wins", "https://example.com/?utm_source=a&utm_source=b", new Utm("a", "", "", "", "")),
                new Case("empty value is absent", "https://example.com/?utm_source=&utm_medium=cpc", new Utm("", "cpc", "", "", "")),
                new Case("no equals sign", "https://example.com/?utm_source&utm_medium=x", new Utm("", "x", "", "", "")),
                new Case("fragment ignored", "https://example.com/?utm_source=a#utm_medium=b", new Utm("a", "", "", "", "")),
                new Case("cut to 200", "https://example.com/?utm_content=" + "z".repeat(300), new Utm("", "", "", "", "z".repeat(200))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parses(Case c) {
        assertEquals(c.expected(), Utm.fromUrl(URI.create(c.url())));
    }

    @Test
    void malformedEscapeIsKeptRaw() {
        assertEquals(new Utm("100%", "", "", "50%zz", ""), Utm.fromQuery("utm_source=100%25&utm_term=50%zz"));
    }

    @Test
    void nullUrlAndNullFields() {
        assertSame(Utm.NONE, Utm.fromUrl(null));
        assertEquals(Utm.NONE, new Utm(null, null, null, null, null));
        assertTrue(Utm.NONE.isEmpty());
    }
}
