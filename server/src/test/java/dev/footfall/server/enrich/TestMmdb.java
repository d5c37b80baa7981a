package dev.footfall.server.enrich;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a tiny IPv4 MaxMind DB (the specification's format 2.0: a search tree of 32-bit records,
 * 16 zero bytes, the data section, the metadata map after its marker), so the GeoIP path is tested
 * on a real file read by the server's real reader, without shipping a GeoLite2 database (which may
 * not be redistributed in a repository) and without MaxMind's Java writer, which is not published
 * to Maven Central. Records are a country's ({@code country.iso_code}), GeoLite2-City's
 * ({@code subdivisions[].iso_code} and {@code names}, {@code city.geoname_id} and {@code names}) or
 * DB-IP Lite City's, which has the names only.
 */
public final class TestMmdb {
    /** Networks added so far, in order: address, prefix length, record. */
    private final List<Object[]> networks = new ArrayList<>();
    private final String type;

    private TestMmdb(String type) {
        this.type = type;
    }

    /** A country database. */
    public TestMmdb() {
        this("Footfall-Test-Country");
    }

    /** A database of {@code type} ("GeoLite2-City", "DBIP-City-Lite"); a type naming a city has regions and cities. */
    public static TestMmdb of(String type) {
        return new TestMmdb(type);
    }

    /** A country record. */
    public TestMmdb add(String cidr, String isoCode) {
        return add(cidr, Map.of("country", Map.of("iso_code", isoCode)));
    }

    /** A GeoLite2-style record: ISO codes and GeoNames ids with English names. */
    public TestMmdb geoLite(String cidr, String country, String subdivisionCode, String regionName, long geonameId,
                                String cityName) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("country", Map.of("iso_code", country, "names", Map.of("en", country)));
        record.put("subdivisions", List.of(Map.of("iso_code", subdivisionCode, "geoname_id", 1L, "names", Map.of("en", regionName))));
        record.put("city", Map.of("geoname_id", geonameId, "names", Map.of("en", cityName, "de", cityName + " (de)")));
        return add(cidr, record);
    }

    /** A DB-IP Lite City record: names only, no ISO subdivision code and no GeoNames id. */
    public TestMmdb dbIpLite(String cidr, String country, String regionName, String cityName) {
        return add(cidr, Map.of("country", Map.of("iso_code", country), "subdivisions", List.of(Map.of("names", Map.of("en", regionName))),
                "city", Map.of("names", Map.of("en", cityName))));
    }

    private TestMmdb add(String cidr, Map<String, Object> record) {
        String[] parts = cidr.split("/");
        try {
            networks.add(new Object[] {InetAddress.getByName(parts[0]).getAddress(), Integer.parseInt(parts[1]), record});
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr, e);
        }
        return this;
    }

    /** Writes the database to {@code file} and returns it. */
    public Path writeTo(Path file) throws IOException {
        // children[n] = {left, right}: 0 empty, k > 0 node k, -(d + 1) data record d. The root is node 0.
        List<int[]> children = new ArrayList<>();
        children.add(new int[2]);
        for (int d = 0; d < networks.size(); d++) {
            byte[] address = (byte[]) networks.get(d)[0];
            int prefix = (int) networks.get(d)[1];
            int node = 0;
            for (int bit = 0; bit < prefix; bit++) {
                int side = address[bit / 8] >> (7 - bit % 8) & 1;
                if (bit == prefix - 1) {
                    children.get(node)[side] = -(d + 1);
                } else {
                    if (children.get(node)[side] <= 0) {
                        children.add(new int[2]);
                        children.get(node)[side] = children.size() - 1;
                    }
                    node = children.get(node)[side];
                }
            }
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int[] offsets = new int[networks.size()];
        for (int d = 0; d < networks.size(); d++) {
            offsets[d] = data.size();
            encode(data, networks.get(d)[2]);
        }
        int nodeCount = children.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int[] node : children) {
            for (int child : node) {
                long value = child == 0 ? nodeCount : child > 0 ? child : nodeCount + 16L + offsets[-child - 1];
                out.write((int) (value >>> 24));
                out.write((int) (value >>> 16));
                out.write((int) (value >>> 8));
                out.write((int) value);
            }
        }
        out.writeBytes(new byte[16]);
        out.writeBytes(data.toByteArray());
        out.writeBytes(new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF});
        out.writeBytes("MaxMind.com".getBytes(StandardCharsets.US_ASCII));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("binary_format_major_version", new U16(2));
        metadata.put("binary_format_minor_version", new U16(0));
        metadata.put("build_epoch", new U64(1_764_633_600L));
        metadata.put("database_type", type);
        metadata.put("description", Map.of("en", "Footfall test database"));
        metadata.put("ip_version", new U16(4));
        metadata.put("languages", List.of("en", "de"));
        metadata.put("node_count", (long) nodeCount);
        metadata.put("record_size", new U16(32));
        encode(out, metadata);
        return Files.write(file, out.toByteArray());
    }

    private record U16(int value) {
    }

    private record U64(long value) {
    }

    private static void encode(ByteArrayOutputStream out, Object value) {
        switch (value) {
            case String s -> {
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                control(out, 2, bytes.length);
                out.writeBytes(bytes);
            }
            case Long n -> unsigned(out, 6, n, 4);
            case U16 n -> unsigned(out, 5, n.value(), 2);
            case U64 n -> unsigned(out, 9, n.value(), 8);
            case Map<?, ?> map -> {
                control(out, 7, map.size());
                map.forEach((k, v) -> {
                    encode(out, k);
                    encode(out, v);
                });
            }
            case List<?> list -> {
                control(out, 11, list.size());
                list.forEach(v -> encode(out, v));
            }
            default -> throw new IllegalArgumentException("no MaxMind DB type for " + value.getClass());
        }
    }

    /** An unsigned integer in as few big-endian bytes as it needs (at most {@code maxBytes}). */
    private static void unsigned(ByteArrayOutputStream out, int type, long value, int maxBytes) {
        int bytes = 0;
        while (bytes < maxBytes && value >>> (8 * bytes) != 0) {
            bytes++;
        }
        control(out, type, bytes);
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)));
        }
    }

    /** The control byte: type in the top three bits (0 and an extended type byte past 7), then the size. */
    private static void control(ByteArrayOutputStream out, int type, int size) {
        int first = (type <= 7 ? type : 0) << 5;
        byte[] extra;
        if (size < 29) {
            first |= size;
            extra = new byte[0];
        } else if (size < 285) {
            first |= 29;
            extra = new byte[] {(byte) (size - 29)};
        } else {
            first |= 30;
            extra = new byte[] {(byte) ((size - 285) >> 8), (byte) (size - 285)};
        }
        out.write(first);
        if (type > 7) {
            out.write(type - 7);
        }
        out.writeBytes(extra);
    }
}
