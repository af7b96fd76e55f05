package dev.orrery.gui.graph;

import java.util.Objects;

/**
 * An arrow of a graph view: {@code to} starts only after {@code from} (so {@code to}'s resource waits for
 * {@code from}'s). Both are node ids of the same {@link GraphModel}.
 */
public record GraphEdge(String from, String to) {
    public GraphEdge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    @Override
    public String toString() {
        return from + " → " + to;
    }
}
