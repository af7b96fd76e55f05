package dev.orrery.gui.layout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Lays out a graph in lanes (e.g. the tasks of one host): each lane's nodes and the edges inside it go through
 * {@link HierarchicalLayout} on their own, and the lanes are stacked across the flow, each with room for a header.
 * Edges between lanes are routed straight from port to port. The result carries each lane's box.
 *
 * <p>Cost: one JGraphX layout per lane, so the sum of much smaller layouts. Thread safety: stateless apart from the
 * delegate.
 */
public final class LaneLayout {
    /** Room above (or left of) a lane's nodes for its title. */
    public static final double HEADER = 30;
    private static final double PADDING = 14;
    private static final double LANE_GAP = 18;

    private final HierarchicalLayout delegate;

    public LaneLayout(HierarchicalLayout delegate) {
        this.delegate = delegate;
    }

    /** @param laneOf the lane of every node id; lanes appear in the order of their first node */
    public LayoutResult layout(LayoutGraph graph, Function<String, String> laneOf, LayoutDirection direction) {
        boolean stackDown = direction == LayoutDirection.LEFT_TO_RIGHT;
        Map<String, LayoutGraph.Builder> lanes = new LinkedHashMap<>();
        Map<String, LayoutGraph.Node> nodes = new LinkedHashMap<>();
        for (LayoutGraph.Node n : graph.nodes()) {
            lanes.computeIfAbsent(laneOf.apply(n.id()), k -> new LayoutGraph.Builder()).node(n.id(), n.width(), n.height());
            nodes.put(n.id(), n);
        }
        for (LayoutGraph.Edge e : graph.edges()) {
            String lane = laneOf.apply(e.source());
            if (lane.equals(laneOf.apply(e.target()))) {
                lanes.get(lane).edge(e.source(), e.target());
            }
        }
        Map<String, LayoutResult.Point> positions = new LinkedHashMap<>();
        Map<LayoutGraph.Edge, List<LayoutResult.Point>> routes = new LinkedHashMap<>();
        Map<String, LayoutResult.Box> boxes = new LinkedHashMap<>();
        double offset = 0;
        double extent = 0;
        List<LayoutResult> results = new ArrayList<>();
        for (LayoutGraph.Builder b : lanes.values()) {
            results.add(delegate.layout(b.build(), direction));
        }
        for (LayoutResult r : results) {
            extent = Math.max(extent, stackDown ? r.width() : r.height());
        }
        int i = 0;
        for (String lane : lanes.keySet()) {
            LayoutResult r = results.get(i++);
            double dx = stackDown ? PADDING : offset + PADDING;
            double dy = stackDown ? offset + HEADER : HEADER;
            r.positions().forEach((id, p) -> positions.put(id, new LayoutResult.Point(p.x() + dx, p.y() + dy)));
            r.routes().forEach((e, pts) -> routes.put(e,
                    pts.stream().map(p -> new LayoutResult.Point(p.x() + dx, p.y() + dy)).toList()));
            double w = stackDown ? extent + 2 * PADDING : r.width() + 2 * PADDING;
            double h = stackDown ? r.height() + HEADER + PADDING : extent + HEADER + PADDING;
            boxes.put(lane, stackDown ? new LayoutResult.Box(0, offset, w, h) : new LayoutResult.Box(offset, 0, w, h));
            offset += (stackDown ? h : w) + LANE_GAP;
        }
        for (LayoutGraph.Edge e : graph.edges()) {
            if (!routes.containsKey(e)) {
                LayoutGraph.Node s = nodes.get(e.source());
                LayoutGraph.Node t = nodes.get(e.target());
                LayoutResult.Point sp = positions.get(e.source());
                LayoutResult.Point tp = positions.get(e.target());
                routes.put(e, List.of(Ports.exit(sp.x(), sp.y(), s.width(), s.height(), direction),
                        Ports.entry(tp.x(), tp.y(), t.width(), t.height(), direction)));
            }
        }
        double total = Math.max(0, offset - LANE_GAP);
        double across = stackDown ? extent + 2 * PADDING : extent + HEADER + PADDING;
        return new LayoutResult(positions, routes, boxes, stackDown ? across : total, stackDown ? total : across);
    }
}
