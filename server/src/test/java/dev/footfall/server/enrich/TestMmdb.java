package dev.footfall.server.enrich;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a tiny IPv4 MaxMind DB (format 2.0, 24-bit records) mapping CIDRs to
 * {@code {"country": {"iso_code": ...}}}, so the GeoIP path is tested on a real file without
 * shipping a GeoLite2 database (which may not be redistributed in a repository). Follows the
 * published MaxMind DB spec: search tree, 16 zero bytes, data section, metadata after the marker.
 */
final class TestMmdb {
    private final Map<String, String> countryByCidr = new LinkedHashMap<>();

    TestMmdb add(String cidr, String isoCode) {
        countryByCidr.put(cidr, isoCode);
        return this;
    }

    Path writeTo(Path file) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        Node root = new Node();
        for (Map.Entry<String, String> e : countryByCidr.entrySet()) {
            int offset = data.size();
            map(data, 1);
            string(data, "country");
            map(data, 1);
            string(data, "iso_code");
            string(data, e.getValue());
            String[] parts = e.getKey().split("/");
            root.insert(InetAddress.ofLiteral(parts[0]).getAddress(), Integer.parseInt(parts[1]), offset);
        }
        List<Node> nodes = new ArrayList<>();
        root.number(nodes);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Node node : nodes) {
            for (Object child : node.children) {
                long value = switch (child) {
                    case null -> nodes.size();
                    case Node n -> n.index;
                    case Integer dataOffset -> nodes.size() + 16L + dataOffset;
                    default -> throw new IllegalStateException();
                };
                out.write((int) (value >> 16));
                out.write((int) (value >> 8));
                out.write((int) value);
            }
        }
        out.write(new byte[16]);
        data.writeTo(out);
        out.write(new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF});
        out.write("MaxMind.com".getBytes(StandardCharsets.US_ASCII));
        map(out, 9);
        string(out, "binary_format_major_version");
        unsigned(out, 5, 2);
        string(out, "binary_format_minor_version");
        unsigned(out, 5, 0);
        string(out, "build_epoch");
        out.write(8);
        out.write(9 - 7);
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (1_700_000_000L >> shift));
        }
        string(out, "database_type");
        string(out, "Footfall-Test-Country");
        string(out, "description");
        map(out, 1);
        string(out, "en");
        string(out, "test");
        string(out, "ip_version");
        unsigned(out, 5, 4);
        string(out, "languages");
        out.write(1);
        out.write(11 - 7);
        string(out, "en");
        string(out, "node_count");
        unsigned(out, 6, nodes.size());
        string(out, "record_size");
        unsigned(out, 5, 24);
        return Files.write(file, out.toByteArray());
    }

    private static void map(ByteArrayOutputStream out, int pairs) {
        out.write((7 << 5) | pairs);
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.write((2 << 5) | bytes.length);
        out.writeBytes(bytes);
    }

    /** uint16 (type 5) or uint32 (type 6), in four big-endian bytes. */
    private static void unsigned(ByteArrayOutputStream out, int type, long value) {
        out.write((type << 5) | 4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write((int) (value >> shift));
        }
    }

    /** A search tree node; children are Node, Integer (data offset) or null (no data). */
    private static final class Node {
        final Object[] children = new Object[2];
        int index;

        void insert(byte[] address, int prefixBits, int dataOffset) {
            Node node = this;
            for (int bit = 0; bit < prefixBits; bit++) {
                int side = (address[bit / 8] >> (7 - bit % 8)) & 1;
                if (bit == prefixBits - 1) {
                    node.children[side] = dataOffset;
                } else {
                    if (!(node.children[side] instanceof Node)) {
                        node.children[side] = new Node();
                    }
                    node = (Node) node.children[side];
                }
            }
        }

        void number(List<Node> all) {
            index = all.size();
            all.add(this);
            for (Object child : children) {
                if (child instanceof Node n) {
                    n.number(all);
                }
            }
        }
    }
}
