package dev.footfall.console.api;

import java.util.List;

/** A site's funnel as the server lists it: its goals' ids in step order ({@code id} 0 for one not saved yet). */
public record Funnel(int id, String name, List<Integer> steps) {
    public Funnel {
        steps = List.copyOf(steps);
    }

    @Override
    public String toString() {
        return name;
    }
}
