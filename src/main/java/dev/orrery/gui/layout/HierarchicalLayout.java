package dev.orrery.gui.layout;

import com.mxgraph.layout.hierarchical.mxHierarchicalLayout;
import com.mxgraph.layout.hierarchical.stage.mxMedianHybridCrossingReduction;
import com.mxgraph.model.mxCell;
import com.mxgraph.model.mxGeometry;
import com.mxgraph.model.mxIGraphModel;
import com.mxgraph.util.mxPoint;
import com.mxgraph.view.mxGraph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one adapter to JGraphX: lays out a DAG in ranks with {@code mxHierarchicalLayout} on a headless
 * {@code mxGraph} model (nothing is displayed, no Swing component is created) and reads back node positions and
 * edge routes.
 *
 * <p>Cost: JGraphX's Sugiyama-style layout is roughly O((n + m) · ranks) with a large constant; give it the
 * transitively reduced edge set, it grows with the number of long edges. Callers that show the same graph again
 * should go through {@link LayoutCache}. Thread safety: each call builds its own model, so concurrent calls are
 * safe; an instance holds only immutable spacing settings.
 */
public final class HierarchicalLayout {
    /** JGraphX takes javax.swing.SwingConstants values; written out so this class loads no Swing. */
    private static final int SWING_NORTH = 1;
    private static final int SWING_WEST = 7;

    /** JGraphX's own default number of crossing-reduction sweeps. */
    public static final int DEFAULT_CROSSING_SWEEPS = 24;

    private final double rankSpacing;
    private final double nodeSpacing;
    private final int crossingSweeps;

    /** Spacing that suits node boxes of about 170×46 with arrows between ranks; JGraphX's crossing effort. */
    public HierarchicalLayout() {
        this(70, 22, DEFAULT_CROSSING_SWEEPS);
    }

    /**
     * @param rankSpacing    gap between two ranks (room for the arrows)
     * @param nodeSpacing    gap between two nodes of one rank
     * @param crossingSweeps most median/transpose sweeps of the crossing reduction, the stage that dominates the
     *                       cost on large graphs (fewer sweeps: faster, a few more crossings)
     */
    public HierarchicalLayout(double rankSpacing, double nodeSpacing, int crossingSweeps) {
        if (!(rankSpacing > 0) || !(nodeSpacing > 0) || crossingSweeps < 1) {
            throw new IllegalArgumentException("spacings must be positive and sweeps at least 1");
        }
        this.rankSpacing = rankSpacing;
        this.nodeSpacing = nodeSpacing;
        this.crossingSweeps = crossingSweeps;
    }

    /**
     * Lays the graph out. Deterministic for a given node and edge order.
     *
     * @throws IllegalArgumentException never for a valid {@link LayoutGraph}; cycles are tolerated (JGraphX
     *                                  reverses an edge) but the picture then has an edge against the flow
     */
    public LayoutResult layout(LayoutGraph input, LayoutDirection direction) {
        if (input.nodes().isEmpty()) {
            return LayoutResult.EMPTY;
        }
        mxGraph graph = new mxGraph();
        mxIGraphModel model = graph.getModel();
        Object parent = graph.getDefaultParent();
        Map<String, mxCell> cells = new HashMap<>();
        Map<LayoutGraph.Edge, mxCell> edgeCells = new LinkedHashMap<>();
        model.beginUpdate();
        try {
            for (LayoutGraph.Node n : input.nodes()) {
                mxCell cell = new mxCell(null, new mxGeometry(0, 0, n.width(), n.height()), null);
                cell.setId(n.id());
                cell.setVertex(true);
                model.add(parent, cell, model.getChildCount(parent));
                cells.put(n.id(), cell);
            }
            for (LayoutGraph.Edge e : input.edges()) {
                mxCell edge = new mxCell(null, new mxGeometry(), null);
                edge.setEdge(true);
                edge.getGeometry().setRelative(true);
                model.add(parent, edge, model.getChildCount(parent));
                model.setTerminal(edge, cells.get(e.source()), true);
                model.setTerminal(edge, cells.get(e.target()), false);
                edgeCells.put(e, edge);
            }
        } finally {
            model.endUpdate();
        }

        mxHierarchicalLayout layout = new SweepLimitedLayout(graph,
                direction == LayoutDirection.LEFT_TO_RIGHT ? SWING_WEST : SWING_NORTH, crossingSweeps);
        layout.setInterRankCellSpacing(rankSpacing);
        layout.setIntraCellSpacing(nodeSpacing);
        layout.setInterHierarchySpacing(nodeSpacing * 2);
        layout.setParallelEdgeSpacing(6);
        layout.setFineTuning(true);
        layout.setResizeParent(false);
        layout.execute(parent);

        return read(input, direction, cells, edgeCells);
    }

    private static LayoutResult read(LayoutGraph input, LayoutDirection direction, Map<String, mxCell> cells,
                                     Map<LayoutGraph.Edge, mxCell> edgeCells) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        for (mxCell c : cells.values()) {
            minX = Math.min(minX, c.getGeometry().getX());
            minY = Math.min(minY, c.getGeometry().getY());
        }
        double maxX = 0;
        double maxY = 0;
        Map<String, LayoutResult.Point> positions = new LinkedHashMap<>();
        for (LayoutGraph.Node n : input.nodes()) {
            mxGeometry g = cells.get(n.id()).getGeometry();
            double x = g.getX() - minX;
            double y = g.getY() - minY;
            positions.put(n.id(), new LayoutResult.Point(x, y));
            maxX = Math.max(maxX, x + g.getWidth());
            maxY = Math.max(maxY, y + g.getHeight());
        }
        Map<LayoutGraph.Edge, List<LayoutResult.Point>> routes = new LinkedHashMap<>();
        for (Map.Entry<LayoutGraph.Edge, mxCell> e : edgeCells.entrySet()) {
            List<LayoutResult.Point> route = new ArrayList<>();
            mxGeometry src = cells.get(e.getKey().source()).getGeometry();
            mxGeometry tgt = cells.get(e.getKey().target()).getGeometry();
            route.add(Ports.exit(src.getX() - minX, src.getY() - minY, src.getWidth(), src.getHeight(), direction));
            List<mxPoint> bends = e.getValue().getGeometry().getPoints();
            if (bends != null) {
                for (mxPoint p : bends) {
                    route.add(new LayoutResult.Point(p.getX() - minX, p.getY() - minY));
                }
            }
            route.add(Ports.entry(tgt.getX() - minX, tgt.getY() - minY, tgt.getWidth(), tgt.getHeight(), direction));
            routes.put(e.getKey(), route);
        }
        return new LayoutResult(positions, routes, maxX, maxY);
    }

    /** mxHierarchicalLayout whose crossing reduction stops after a given number of sweeps. */
    private static final class SweepLimitedLayout extends mxHierarchicalLayout {
        private final int sweeps;

        SweepLimitedLayout(mxGraph graph, int orientation, int sweeps) {
            super(graph, orientation);
            this.sweeps = sweeps;
        }

        @Override
        public void crossingStage(Object parent) {
            new LimitedCrossingReduction(this, sweeps).execute(parent);
        }
    }

    private static final class LimitedCrossingReduction extends mxMedianHybridCrossingReduction {
        LimitedCrossingReduction(mxHierarchicalLayout layout, int sweeps) {
            super(layout);
            this.maxIterations = sweeps;
        }
    }
}
