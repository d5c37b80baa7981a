package dev.footfall.server.lookup;

import dev.footfall.server.event.Hit;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dimension ids of one {@link Hit}, as the events, visits and rollup rows store them: one id
 * per {@link Dimension#SINGLE} dimension and one per custom property.
 */
public record HitIds(DimIds dims, List<Integer> props) {

    public HitIds {
        props = List.copyOf(props);
    }

    public int get(Dimension d) {
        return dims.get(d);
    }

    /** Adds every dimension value of {@code hit} to {@code wanted}. */
    public static void collect(Hit hit, Map<Dimension, Set<String>> wanted) {
        for (Dimension d : Dimension.SINGLE) {
            wanted.computeIfAbsent(d, k -> new HashSet<>()).add(d.valueOf(hit));
        }
        if (!hit.props().isEmpty()) {
            Set<String> props = wanted.computeIfAbsent(Dimension.PROP, d -> new HashSet<>());
            hit.props().forEach((k, v) -> props.add(Dimension.prop(k, v)));
        }
    }

    public static HitIds of(Hit hit, Map<Dimension, Map<String, Integer>> ids) {
        Map<Dimension, Integer> single = new EnumMap<>(Dimension.class);
        for (Dimension d : Dimension.SINGLE) {
            single.put(d, ids.get(d).get(d.valueOf(hit)));
        }
        Map<String, Integer> propIds = ids.getOrDefault(Dimension.PROP, Map.of());
        List<Integer> props = hit.props().entrySet().stream()
                .map(e -> propIds.get(Dimension.prop(e.getKey(), e.getValue()))).toList();
        return new HitIds(DimIds.of(single), props);
    }
}
