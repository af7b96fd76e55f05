package dev.orrery.gui.layout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Lays out a graph in lanes (e.g. the tasks of one host) while keeping the ranks of the whole graph: a global
 * hierarchical layout (given) decides each node's rank column and its order inside the column; each lane then
 * stacks, per column, its own nodes in that order. Lanes are stacked across the flow, each with room for its
 * title, so every edge, inside a lane or between lanes, still runs forward. Edges are routed port to port.
 *
 * <p>Cost: O(n log n + m) on top of the global layout. Thread safety: stateless.
 */
public final class LaneLayout {
    /** Room above a lane's nodes (left of them top-to-bottom) for its title. */
    public static final double HEADER = 30;
    private static final double PADDING = 14;
    private static final double LANE_GAP = 16;
    private static final double NODE_GAP = 14;

    /**
     * @param global a layout of the whole graph (same nodes), whose columns and orders are kept
     * @param laneOf the lane of every node id; lanes appear in the order of their first node
     */
    public LayoutResult layout(LayoutGraph graph, LayoutResult global, Function<String, String> laneOf,
                               LayoutDirection direction) {
        boolean ltr = direction == LayoutDirection.LEFT_TO_RIGHT;
        Map<String, LayoutGraph.Node> nodes = new LinkedHashMap<>();
        Map<String, Map<Long, List<LayoutGraph.Node>>> lanes = new LinkedHashMap<>();
        for (LayoutGraph.Node n : graph.nodes()) {
            nodes.put(n.id(), n);
            LayoutResult.Point p = global.position(n.id());
            long column = Math.round(ltr ? p.x() : p.y());
            lanes.computeIfAbsent(laneOf.apply(n.id()), k -> new TreeMap<>())
                    .computeIfAbsent(column, k -> new ArrayList<>()).add(n);
        }
        Map<String, LayoutResult.Point> positions = new LinkedHashMap<>();
        Map<String, LayoutResult.Box> boxes = new LinkedHashMap<>();
        double alongExtent = ltr ? global.width() : global.height();
        double offset = 0;
        for (Map.Entry<String, Map<Long, List<LayoutGraph.Node>>> lane : lanes.entrySet()) {
            double laneAcross = 0;
            for (Map.Entry<Long, List<LayoutGraph.Node>> column : lane.getValue().entrySet()) {
                List<LayoutGraph.Node> stack = column.getValue();
                stack.sort(Comparator.comparingDouble(n -> ltr ? global.position(n.id()).y() : global.position(n.id()).x()));
                double across = 0;
                for (LayoutGraph.Node n : stack) {
                    double along = column.getKey() + PADDING;
                    double at = offset + HEADER + across;
                    positions.put(n.id(), ltr ? new LayoutResult.Point(along, at) : new LayoutResult.Point(at, along));
                    across += (ltr ? n.height() : n.width()) + NODE_GAP;
                }
                laneAcross = Math.max(laneAcross, across - NODE_GAP);
            }
            double size = HEADER + laneAcross + PADDING;
            double length = alongExtent + 2 * PADDING;
            boxes.put(lane.getKey(), ltr ? new LayoutResult.Box(0, offset, length, size)
                    : new LayoutResult.Box(offset, 0, size, length));
            offset += size + LANE_GAP;
        }
        if (!ltr) {
            // top to bottom: the title sits at the top of a lane, so nodes start below it, not beside it
            positions.replaceAll((id, p) -> new LayoutResult.Point(p.x() - HEADER + PADDING, p.y() + HEADER));
            boxes.replaceAll((k, b) -> new LayoutResult.Box(b.x(), b.y(), b.width() - HEADER + 2 * PADDING,
                    b.height() + HEADER));
        }
        Map<LayoutGraph.Edge, List<LayoutResult.Point>> routes = new LinkedHashMap<>();
        for (LayoutGraph.Edge e : graph.edges()) {
            LayoutGraph.Node s = nodes.get(e.source());
            LayoutGraph.Node t = nodes.get(e.target());
            LayoutResult.Point sp = positions.get(e.source());
            LayoutResult.Point tp = positions.get(e.target());
            routes.put(e, List.of(Ports.exit(sp.x(), sp.y(), s.width(), s.height(), direction),
                    Ports.entry(tp.x(), tp.y(), t.width(), t.height(), direction)));
        }
        double width = 0;
        double height = 0;
        for (LayoutResult.Box b : boxes.values()) {
            width = Math.max(width, b.x() + b.width());
            height = Math.max(height, b.y() + b.height());
        }
        return new LayoutResult(positions, routes, boxes, Map.of(), Map.of(), width, height);
    }
}
