package dev.footfall.console.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Country outlines for the world map: Natural Earth's 1:110m admin-0 countries (public domain) as
 * the npm package {@code world-atlas} publishes them in TopoJSON, decoded here into rings of
 * (longitude, latitude) points, and keyed by ISO 3166-1 alpha-2 through {@code i18n-iso-countries}'
 * code table (the atlas names countries by their numeric code). Both files are fetched at build
 * time, pinned by version and SHA-512 (desktop-client/pom.xml), and sit beside this class.
 *
 * <p>TopoJSON stores each shared border once as an "arc" of quantised, delta-encoded points;
 * a ring is a list of arc indexes, {@code ~i} meaning arc {@code i} reversed. Decoding the 110m
 * file (108 KB, 177 countries) takes about 30 ms; Antarctica is left out, as it would take a
 * fifth of the map's height and has no visitors.
 */
final class WorldShapes {
    static final String OUTLINES = "countries-110m.json";
    static final String CODES = "codes.json";
    /** Kosovo has no ISO numeric code; the atlas gives it none, the console's countries call it XK. */
    private static final Map<String, String> CODE_BY_NAME = Map.of("Kosovo", "XK");
    private static final String ANTARCTICA = "010";

    /** One country: its alpha-2 code ("" when it has none, as N. Cyprus), its atlas name and its rings. */
    record Country(String code, String name, List<double[]> rings) {
    }

    private WorldShapes() {
    }

    static List<Country> load() {
        ObjectMapper json = new ObjectMapper();
        try (InputStream topo = open(OUTLINES); InputStream codes = open(CODES)) {
            return decode(json.readTree(topo), alpha2ByNumeric(json.readTree(codes)));
        } catch (IOException e) {
            throw new UncheckedIOException("map: reading " + OUTLINES, e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = WorldShapes.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("map: " + name + " missing beside " + WorldShapes.class.getName()
                    + " (the console's Maven build fetches it with npm)");
        }
        return in;
    }

    /** {@code [["DE", "DEU", "276", …], …]} → {@code {"276": "DE"}}. */
    static Map<String, String> alpha2ByNumeric(JsonNode codes) {
        Map<String, String> map = new HashMap<>();
        codes.forEach(row -> map.put(row.get(2).asText(), row.get(0).asText()));
        return map;
    }

    static List<Country> decode(JsonNode topology, Map<String, String> alpha2ByNumeric) {
        List<double[]> arcs = arcs(topology);
        List<Country> countries = new ArrayList<>();
        for (JsonNode g : topology.path("objects").path("countries").path("geometries")) {
            String numeric = g.path("id").asText("");
            if (numeric.equals(ANTARCTICA)) {
                continue;
            }
            String name = g.path("properties").path("name").asText("");
            String code = alpha2ByNumeric.getOrDefault(numeric, CODE_BY_NAME.getOrDefault(name, ""));
            List<double[]> rings = new ArrayList<>();
            switch (g.path("type").asText()) {
                case "Polygon" -> g.path("arcs").forEach(ring -> rings.add(ring(ring, arcs)));
                case "MultiPolygon" -> g.path("arcs").forEach(polygon -> polygon.forEach(ring -> rings.add(ring(ring, arcs))));
                default -> {
                    continue;
                }
            }
            countries.add(new Country(code, name, rings));
        }
        return countries;
    }

    /** Every arc as absolute (lon, lat) pairs in one flat array {@code [lon0, lat0, lon1, lat1, …]}. */
    private static List<double[]> arcs(JsonNode topology) {
        JsonNode scale = topology.path("transform").path("scale");
        JsonNode translate = topology.path("transform").path("translate");
        double sx = scale.get(0).asDouble();
        double sy = scale.get(1).asDouble();
        double tx = translate.get(0).asDouble();
        double ty = translate.get(1).asDouble();
        List<double[]> arcs = new ArrayList<>();
        for (JsonNode arc : topology.path("arcs")) {
            double[] points = new double[arc.size() * 2];
            long x = 0;
            long y = 0;
            int i = 0;
            for (JsonNode delta : arc) {
                x += delta.get(0).asLong();
                y += delta.get(1).asLong();
                points[i++] = x * sx + tx;
                points[i++] = y * sy + ty;
            }
            arcs.add(points);
        }
        return arcs;
    }

    /** A ring's arcs joined, each after the first without its first point (the previous one's last). */
    private static double[] ring(JsonNode arcIndexes, List<double[]> arcs) {
        List<Double> out = new ArrayList<>();
        for (JsonNode index : arcIndexes) {
            int i = index.asInt();
            double[] arc = arcs.get(i >= 0 ? i : ~i);
            int n = arc.length / 2;
            for (int k = out.isEmpty() ? 0 : 1; k < n; k++) {
                int p = i >= 0 ? k : n - 1 - k;
                out.add(arc[2 * p]);
                out.add(arc[2 * p + 1]);
            }
        }
        double[] ring = new double[out.size()];
        for (int k = 0; k < ring.length; k++) {
            ring[k] = out.get(k);
        }
        return unwrapped(ring);
    }

    /**
     * A ring that crosses the antimeridian (Russia's Chukotka, Fiji) jumps from +180 to -180;
     * drawn as is, it would streak across the whole map. Each point is moved by whole turns to stay
     * within 180° of the one before, so the ring is continuous and pokes out past one edge (the map
     * clips it); a ring that ends up mostly beyond +180 is moved back by one turn.
     */
    static double[] unwrapped(double[] ring) {
        double shift = 0;
        for (int k = 2; k + 1 < ring.length; k += 2) {
            double jump = ring[k] + shift - ring[k - 2];
            if (jump > 180) {
                shift -= 360;
            } else if (jump < -180) {
                shift += 360;
            }
            ring[k] += shift;
        }
        double sum = 0;
        for (int k = 0; k + 1 < ring.length; k += 2) {
            sum += ring[k];
        }
        double mean = ring.length == 0 ? 0 : sum / (ring.length / 2.0);
        double back = mean > 180 ? -360 : mean < -180 ? 360 : 0;
        for (int k = 0; back != 0 && k + 1 < ring.length; k += 2) {
            ring[k] += back;
        }
        return ring;
    }
}
