package dev.orrery.gui.layout;

import java.util.Map;
import java.util.Objects;

/**
 * One layout to compute.
 *
 * @param graph     the nodes and the edges to lay out (give the reduced edge set: it is what drives the ranks)
 * @param direction which way the ranks run
 * @param strategy  how to use JGraphX for it
 * @param groups    the group of each node id for {@link Strategy#GROUPED}; for {@link Strategy#LANES}, when not
 *                  empty, the whole graph is first laid out grouped by it (large graphs), else flat
 * @param lanes     the lane of each node id, for {@link Strategy#LANES}
 */
public record LayoutRequest(LayoutGraph graph, LayoutDirection direction, Strategy strategy,
                            Map<String, String> groups, Map<String, String> lanes) {

    /** How the graph is handed to JGraphX. */
    public enum Strategy {
        /** One hierarchical layout of every node. */
        FLAT,
        /** One hierarchical layout of the groups, members stacked in their group ({@link GroupedLayout}). */
        GROUPED,
        /** One hierarchical layout of everything, then each lane's nodes stacked in its lane ({@link LaneLayout}). */
        LANES
    }

    public LayoutRequest {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(strategy, "strategy");
        groups = Map.copyOf(groups);
        lanes = Map.copyOf(lanes);
        boolean needGroups = strategy == Strategy.GROUPED || strategy == Strategy.LANES && !groups.isEmpty();
        for (LayoutGraph.Node n : graph.nodes()) {
            if (needGroups && !groups.containsKey(n.id())) {
                throw new IllegalArgumentException("no group for node " + n.id());
            }
            if (strategy == Strategy.LANES && !lanes.containsKey(n.id())) {
                throw new IllegalArgumentException("no lane for node " + n.id());
            }
        }
    }

    public static LayoutRequest flat(LayoutGraph graph, LayoutDirection direction) {
        return new LayoutRequest(graph, direction, Strategy.FLAT, Map.of(), Map.of());
    }

    public static LayoutRequest grouped(LayoutGraph graph, LayoutDirection direction, Map<String, String> groups) {
        return new LayoutRequest(graph, direction, Strategy.GROUPED, groups, Map.of());
    }

    /** @param groups empty for a flat global layout, else the groups of a grouped one */
    public static LayoutRequest lanes(LayoutGraph graph, LayoutDirection direction, Map<String, String> lanes,
                                      Map<String, String> groups) {
        return new LayoutRequest(graph, direction, Strategy.LANES, groups, lanes);
    }

    /** The cache key: equal for requests that give the same layout. O(n + m). */
    public String signature() {
        StringBuilder sb = new StringBuilder(graph.signature());
        sb.append(direction).append('|').append(strategy).append('\n');
        graph.nodes().forEach(n -> sb.append(groups.get(n.id())).append('|').append(lanes.get(n.id())).append('\n'));
        return sb.toString();
    }
}
