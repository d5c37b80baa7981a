package dev.footfall.server.spool;

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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spool's record format: the hits of one request, as enriched, in a versioned binary form
 * (about 250 bytes a pageview). What is written is exactly what {@link Hit} holds, so the privacy
 * promise holds on disk too: the visitor is already a salted hash, and no IP address, user agent
 * or user id of the replaced format is in it.
 */
public final class HitCodec {
    /**
     * Format version, the first byte of every record; a reader refuses versions it does not know.
     * 2 added the source's channel after its referrer. A version-1 record (spooled by a server
     * before channels, drained by one after) reads with the channel {@link Channel#DIRECT} for a
     * direct visit and {@link Channel#REFERRAL} otherwise, since its click id and source category
     * are not in it. 3 added the region and city (codes and names) after the country; a record of
     * version 1 or 2 reads with {@link Place#NONE}, as its server had no place to write.
     */
    static final int VERSION = 3;
    private static final int VERSION_BEFORE_CHANNELS = 1;
    private static final int VERSION_BEFORE_PLACES = 2;

    private HitCodec() {
    }

    public static byte[] encode(List<Hit> hits) {
        // About 30 length-prefixed texts a hit: 256 bytes made the buffer grow and copy under load (JFR).
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(768 * hits.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeShort(hits.size());
            for (Hit h : hits) {
                write(out, h);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("spool: cannot encode hits", e);
        }
        return bytes.toByteArray();
    }

    public static List<Hit> decode(byte[] record) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record))) {
            int version = in.readUnsignedByte();
            if (version != VERSION && version != VERSION_BEFORE_PLACES && version != VERSION_BEFORE_CHANNELS) {
                throw new IllegalArgumentException("spool: record format " + version + " is unknown to this version");
            }
            int n = in.readUnsignedShort();
            List<Hit> hits = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                hits.add(read(in, version));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("spool: cannot decode a record", e);
        }
    }

    private static void write(DataOutputStream out, Hit h) throws IOException {
        out.writeInt(h.site().id());
        out.writeUTF(h.site().domain());
        out.writeUTF(h.site().zone().getId());
        out.writeLong(h.tsMs());
        out.writeByte(h.kind().code());
        out.writeUTF(h.name());
        out.writeUTF(h.location().hostname());
        out.writeUTF(h.location().page());
        out.writeUTF(h.source().name());
        out.writeUTF(h.source().referrer());
        out.writeUTF(h.source().channel().label());
        Utm u = h.utm();
        for (String s : List.of(u.source(), u.medium(), u.campaign(), u.term(), u.content())) {
            out.writeUTF(s);
        }
        Software sw = h.software();
        for (String s : List.of(sw.browser(), sw.browserVersion(), sw.os(), sw.osVersion(), sw.device())) {
            out.writeUTF(s);
        }
        out.writeUTF(h.country());
        Place place = h.place();
        for (String s : List.of(place.region(), place.regionName(), place.city(), place.cityName())) {
            out.writeUTF(s);
        }
        Measures m = h.measures();
        writeInt(out, m.screenWidth());
        out.writeInt(m.engagementMs());
        writeInt(out, m.scrollDepth());
        out.writeBoolean(m.interactive());
        writeText(out, h.revenue().amount() == null ? null : h.revenue().amount().toPlainString());
        writeText(out, h.revenue().currency());
        out.writeShort(h.props().size());
        for (Map.Entry<String, String> e : h.props().entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue());
        }
        writeText(out, h.eventId());
        out.writeLong(h.visitor().id());
        out.writeLong(h.visitor().previousId());
    }

    private static Hit read(DataInputStream in, int version) throws IOException {
        Site site = new Site(in.readInt(), in.readUTF(), ZoneId.of(in.readUTF()));
        long ts = in.readLong();
        EventKind kind = EventKind.ofCode(in.readUnsignedByte());
        String name = in.readUTF();
        Location location = new Location(in.readUTF(), in.readUTF());
        String sourceName = in.readUTF();
        String referrer = in.readUTF();
        Channel channel = version == VERSION_BEFORE_CHANNELS
                ? (Source.DIRECT.equals(sourceName) ? Channel.DIRECT : Channel.REFERRAL)
                : Channel.ofLabel(in.readUTF());
        Source source = new Source(sourceName, referrer, channel);
        Utm utm = new Utm(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF());
        Software software = new Software(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF());
        String country = in.readUTF();
        Place place = version < VERSION ? Place.NONE : new Place(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF());
        Measures measures = new Measures(readInt(in), in.readInt(), readInt(in), in.readBoolean());
        String amount = readText(in);
        String currency = readText(in);
        Revenue revenue = amount == null ? Revenue.NONE : new Revenue(new BigDecimal(amount), currency);
        int propCount = in.readUnsignedShort();
        Map<String, String> props = new LinkedHashMap<>();
        for (int i = 0; i < propCount; i++) {
            props.put(in.readUTF(), in.readUTF());
        }
        String eventId = readText(in);
        Visitor visitor = new Visitor(in.readLong(), in.readLong());
        return new Hit(site, ts, kind, name, location, source, utm, software, country, place, measures, revenue, props, eventId, visitor);
    }

    private static void writeInt(DataOutputStream out, Integer value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeInt(value);
        }
    }

    private static Integer readInt(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readInt() : null;
    }

    private static void writeText(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readText(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
