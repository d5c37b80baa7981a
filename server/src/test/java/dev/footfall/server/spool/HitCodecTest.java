package dev.footfall.server.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.footfall.server.event.Channel;
import dev.footfall.server.event.EventKind;
import dev.footfall.server.event.Hit;
import dev.footfall.server.event.Location;
import dev.footfall.server.event.Measures;
import dev.footfall.server.event.Place;
import dev.footfall.server.event.Revenue;
import dev.footfall.server.event.Software;
import dev.footfall.server.event.Source;
import dev.footfall.server.event.Utm;
import dev.footfall.server.event.Visitor;
import dev.footfall.server.site.Site;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spool's record format: what goes in comes out, and records of the formats before channels and places still read. */
class HitCodecTest {
    private static final Site SITE = new Site(3, "codec.test", ZoneId.of("Europe/Berlin"));

    private static final Place MUNICH = new Place("DE-BY", "Bavaria", "2867714", "München");

    static Hit hit(Source source) {
        return hit(source, Place.NONE);
    }

    static Hit hit(Source source, Place place) {
        return new Hit(SITE, 1_700_000_000_000L, EventKind.PAGEVIEW, "pageview", new Location("codec.test", "/a"), source,
                new Utm("google", "cpc", "spring", "", ""), new Software("Firefox", "145", "Linux", "", "Desktop"), "DE", place,
                new Measures(1280, 0, null, true), Revenue.NONE, Map.of("plan", "pro"), "evt-1", new Visitor(11, 12));
    }

    @Test
    void roundTripKeepsTheChannel() {
        List<Hit> hits = List.of(hit(new Source("Google", "google.com", Channel.PAID_SEARCH)), hit(Source.NONE));
        assertEquals(hits, HitCodec.decode(HitCodec.encode(hits)));
    }

    @Test
    void roundTripKeepsThePlace() {
        List<Hit> hits = List.of(hit(Source.NONE, MUNICH), hit(Source.NONE, new Place("DE-BY", "Bavaria", "", "")), hit(Source.NONE));
        assertEquals(hits, HitCodec.decode(HitCodec.encode(hits)));
    }

    /** A record spooled by a server before places (format 2) drains as it was, with no region or city. */
    @Test
    void formatTwoRecordsReadWithoutAPlace() {
        Source google = new Source("Google", "google.com", Channel.PAID_SEARCH);
        assertEquals(List.of(hit(google)), HitCodec.decode(formatTwo(google)));
    }

    /** A record spooled by a server before channels (format 1) drains with Direct or Referral. */
    @Test
    void formatOneRecordsReadWithoutTheirChannel() {
        assertEquals(Channel.REFERRAL, HitCodec.decode(formatOne(new Source("Google", "google.com", Channel.PAID_SEARCH)))
                .getFirst().source().channel());
        assertEquals(Channel.DIRECT, HitCodec.decode(formatOne(Source.NONE)).getFirst().source().channel());
    }

    @Test
    void unknownFormatIsRefused() {
        byte[] record = HitCodec.encode(List.of(hit(Source.NONE)));
        record[0] = 9;
        assertThrows(IllegalArgumentException.class, () -> HitCodec.decode(record));
    }

    /**
     * A format-3 record of a hit with no place, with the place's four empty strings after the
     * country cut out and the version byte set to 2: format 2 exactly.
     */
    private static byte[] formatTwo(Source source) {
        byte[] three = HitCodec.encode(List.of(hit(source)));
        byte[] countryAndPlace = {0, 2, 'D', 'E', 0, 0, 0, 0, 0, 0, 0, 0};
        return cut(three, indexOf(three, countryAndPlace) + 4, 8, 2);
    }

    /** A format-2 record with the channel field cut out and the version byte set to 1: format 1 exactly. */
    private static byte[] formatOne(Source source) {
        byte[] two = formatTwo(source);
        byte[] label = source.channel().label().getBytes(StandardCharsets.UTF_8);
        byte[] field = new byte[label.length + 2];
        field[0] = (byte) (label.length >> 8);
        field[1] = (byte) label.length;
        System.arraycopy(label, 0, field, 2, label.length);
        return cut(two, indexOf(two, field), field.length, 1);
    }

    /** {@code record} without {@code length} bytes at {@code at}, with version byte {@code version}. */
    private static byte[] cut(byte[] record, int at, int length, int version) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(version);
        out.write(record, 1, at - 1);
        out.write(record, at + length, record.length - at - length);
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("field not found");
    }
}
