package dev.footfall.server.query;

import dev.footfall.server.lookup.Dimension;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates between dimension values and their ids for the query side: filter values to ids
 * through the unique MD5 key the writer maintains (one indexed probe per value), ids back to
 * text for breakdown rows (primary-key probes), with the names of regions and cities, and custom property ids by key prefix (a scan of
 * {@code dim_props}, which holds distinct key/value pairs only).
 */
final class DimValues {
    private final Connection c;

    DimValues(Connection c) {
        this.c = c;
    }

    /** The connection the lookups use. */
    Connection connection() {
        return c;
    }

    /** value → id of the values that exist; unknown values are absent. */
    Map<String, Integer> ids(Dimension table, Collection<String> values) throws SQLException {
        Map<String, Integer> ids = new HashMap<>();
        if (values.isEmpty()) {
            return ids;
        }
        Map<String, String> byHex = new HashMap<>();
        List<byte[]> digests = new ArrayList<>();
        for (String v : values) {
            byte[] d = md5(v);
            digests.add(d);
            byHex.put(java.util.HexFormat.of().formatHex(d), v);
        }
        String sql = "SELECT id, value_hash FROM " + table.table() + " WHERE value_hash IN ("
                + String.join(", ", Collections.nCopies(digests.size(), "?")) + ") /* DimValues.ids */";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < digests.size(); i++) {
                ps.setBytes(i + 1, digests.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(byHex.get(java.util.HexFormat.of().formatHex(rs.getBytes(2))), rs.getInt(1));
                }
            }
        }
        return ids;
    }

    /** id → value for the given ids. */
    Map<Integer, String> labels(Dimension table, Collection<Integer> ids) throws SQLException {
        return column(table, "value", ids);
    }

    /** id → name for the given ids of a {@link Dimension#named()} dimension (a region's, a city's). */
    Map<Integer, String> names(Dimension table, Collection<Integer> ids) throws SQLException {
        return column(table, "name", ids);
    }

    private Map<Integer, String> column(Dimension table, String column, Collection<Integer> ids) throws SQLException {
        Map<Integer, String> labels = new HashMap<>();
        List<Integer> list = new ArrayList<>(ids);
        for (int from = 0; from < list.size(); from += 1000) {
            List<Integer> chunk = list.subList(from, Math.min(list.size(), from + 1000));
            String sql = "SELECT id, " + column + " FROM " + table.table() + " WHERE id IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ") /* DimValues." + column + "s */";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setInt(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        labels.put(rs.getInt(1), rs.getString(2));
                    }
                }
            }
        }
        return labels;
    }

    /** id → value (without the key) of every stored pair of custom property {@code key}. */
    Map<Integer, String> propValues(String key) throws SQLException {
        String prefix = key + Dimension.PROP_SEPARATOR;
        String sql = "SELECT id, value FROM dim_props WHERE LEFT(value, ?) = ? /* DimValues.propValues */";
        Map<Integer, String> values = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, prefix.length());
            ps.setString(2, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.put(rs.getInt(1), rs.getString(2).substring(prefix.length()));
                }
            }
        }
        return values;
    }

    /** The writer's value digest (see {@code DimensionLookup}). */
    static byte[] md5(String value) {
        try {
            return MessageDigest.getInstance("MD5").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }
}
