package dev.orrery.gui.layout;

import java.util.List;
import java.util.Map;

/**
 * Where a layout put everything: the top-left corner of each node, for each edge the points of its route from
 * the border of the source to the border of the target (at least two points), and for a lane layout the box of
 * each lane. Coordinates start at 0,0; {@code width}/{@code height} bound everything. Immutable.
 */
public record LayoutResult(Map<String, Point> positions, Map<LayoutGraph.Edge, List<Point>> routes,
                           Map<String, Box> lanes, double width, double height) {

    /** A point in layout coordinates. */
    public record Point(double x, double y) {
    }

    /** A rectangle in layout coordinates. */
    public record Box(double x, double y, double width, double height) {
    }

    public static final LayoutResult EMPTY = new LayoutResult(Map.of(), Map.of(), Map.of(), 0, 0);

    public LayoutResult {
        positions = Map.copyOf(positions);
        routes = Map.copyOf(routes);
        lanes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(lanes));
    }

    /** @throws IllegalArgumentException when the node was not laid out */
    public Point position(String nodeId) {
        Point p = positions.get(nodeId);
        if (p == null) {
            throw new IllegalArgumentException("no position for " + nodeId);
        }
        return p;
    }
}
