package dev.orrery.gui.layout;

import java.util.Map;
import java.util.Objects;

/**
 * One layout to compute.
 *
 * @param graph     the nodes and the edges to lay out (give the reduced edge set: it is what drives the ranks)
 * @param direction which way the ranks run
 * @param strategy  how to use JGraphX for it
 * @param groups    the group or lane of each node id, for {@link Strategy#GROUPED} and {@link Strategy#LANES}
 *                  (ignored for {@link Strategy#FLAT})
 */
public record LayoutRequest(LayoutGraph graph, LayoutDirection direction, Strategy strategy,
                            Map<String, String> groups) {

    /** How the graph is handed to JGraphX. */
    public enum Strategy {
        /** One hierarchical layout of every node. */
        FLAT,
        /** One hierarchical layout of the groups, members stacked in their group ({@link GroupedLayout}). */
        GROUPED,
        /** One hierarchical layout per lane, lanes stacked ({@link LaneLayout}). */
        LANES
    }

    public LayoutRequest {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(strategy, "strategy");
        groups = Map.copyOf(groups);
        if (strategy != Strategy.FLAT) {
            for (LayoutGraph.Node n : graph.nodes()) {
                if (!groups.containsKey(n.id())) {
                    throw new IllegalArgumentException("no group for node " + n.id());
                }
            }
        }
    }

    public static LayoutRequest flat(LayoutGraph graph, LayoutDirection direction) {
        return new LayoutRequest(graph, direction, Strategy.FLAT, Map.of());
    }

    /** The cache key: equal for requests that give the same layout. O(n + m). */
    public String signature() {
        StringBuilder sb = new StringBuilder(graph.signature());
        sb.append(direction).append('|').append(strategy).append('\n');
        if (strategy != Strategy.FLAT) {
            graph.nodes().forEach(n -> sb.append(groups.get(n.id())).append('\n'));
        }
        return sb.toString();
    }
}
