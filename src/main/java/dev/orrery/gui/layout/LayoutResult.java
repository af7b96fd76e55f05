package dev.orrery.gui.layout;

import java.util.List;
import java.util.Map;

/**
 * Where a layout put everything: the top-left corner of each node, for each edge the points of its route from
 * the border of the source to the border of the target (at least two points), for a lane layout the box of each
 * lane, and for a grouped layout the box of each group with the routes of the edges between groups (what a view
 * draws while zoomed out). Coordinates start at 0,0; {@code width}/{@code height} bound everything. Immutable.
 */
public record LayoutResult(Map<String, Point> positions, Map<LayoutGraph.Edge, List<Point>> routes,
                           Map<String, Box> lanes, Map<String, Box> groups,
                           Map<LayoutGraph.Edge, List<Point>> groupRoutes, double width, double height) {

    /** A point in layout coordinates. */
    public record Point(double x, double y) {
    }

    /** A rectangle in layout coordinates. */
    public record Box(double x, double y, double width, double height) {
    }

    public static final LayoutResult EMPTY = new LayoutResult(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), 0, 0);

    /** A result without lanes or groups. */
    public LayoutResult(Map<String, Point> positions, Map<LayoutGraph.Edge, List<Point>> routes, double width,
                        double height) {
        this(positions, routes, Map.of(), Map.of(), Map.of(), width, height);
    }

    public LayoutResult {
        positions = Map.copyOf(positions);
        routes = Map.copyOf(routes);
        lanes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(lanes));
        groups = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(groups));
        groupRoutes = Map.copyOf(groupRoutes);
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
