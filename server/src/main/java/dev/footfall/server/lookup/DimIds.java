package dev.footfall.server.lookup;

import java.util.Arrays;
import java.util.Map;

/**
 * Dimension ids keyed by {@link Dimension}: one int per dimension, 0 for one not set. Immutable;
 * an int array inside rather than an {@code EnumMap<Dimension, Integer>}, since every event and
 * visit carries one and boxing showed in the writer's profile.
 */
public final class DimIds {
    private final int[] ids;

    private DimIds(int[] ids) {
        this.ids = ids;
    }

    public static DimIds of(Map<Dimension, Integer> ids) {
        int[] values = new int[Dimension.values().length];
        ids.forEach((d, id) -> values[d.ordinal()] = id);
        return new DimIds(values);
    }

    public int get(Dimension d) {
        return ids[d.ordinal()];
    }

    /** Only the visit-level ones ({@link Dimension#VISIT}); the rest 0. */
    public DimIds visitLevel() {
        int[] values = new int[ids.length];
        for (Dimension d : Dimension.VISIT) {
            values[d.ordinal()] = ids[d.ordinal()];
        }
        return new DimIds(values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DimIds other && Arrays.equals(ids, other.ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("DimIds[");
        for (Dimension d : Dimension.values()) {
            if (ids[d.ordinal()] != 0) {
                text.append(d).append('=').append(ids[d.ordinal()]).append(' ');
            }
        }
        return text.append(']').toString();
    }
}
