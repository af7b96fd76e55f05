package dev.orrery.gui.graph;

import javafx.css.PseudoClass;

/**
 * The style-class and pseudo-class names the graph canvas uses; the rules are in the "graph" section of
 * {@code /dev/orrery/gui/orrery.css}. State pseudo-classes are {@link DisplayState#pseudoClass()}.
 */
public final class GraphStyles {
    private GraphStyles() {
    }

    /** The stylesheet the whole app uses (graph rules in their own section). */
    public static final String STYLESHEET = "/dev/orrery/gui/orrery.css";

    public static final String VIEW = "graph-view";
    public static final String CONTENT = "graph-content";
    public static final String NODE = "graph-node";
    public static final String TASK_NODE = "graph-task";
    public static final String RESOURCE_NODE = "graph-resource";
    public static final String NODE_BOX = "graph-node-box";
    public static final String NODE_LABEL = "graph-node-label";
    public static final String NODE_DETAIL = "graph-node-detail";
    public static final String NODE_STRIPE = "graph-node-stripe";
    public static final String EDGE = "graph-edge";
    public static final String EDGE_LINE = "graph-edge-line";
    public static final String EDGE_HIT = "graph-edge-hit";
    public static final String EDGE_ARROW = "graph-edge-arrow";
    public static final String LANE = "graph-lane";
    public static final String LANE_TITLE = "graph-lane-title";
    public static final String LEGEND = "graph-legend";
    public static final String LEGEND_SWATCH = "graph-legend-swatch";
    public static final String BREADCRUMBS = "graph-breadcrumbs";
    public static final String BREADCRUMB = "graph-breadcrumb";
    public static final String DRAG_LINE = "graph-drag-line";
    public static final String MESSAGE = "graph-message";

    /** A node or edge the person selected. */
    public static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    /** A node found by the last search. */
    public static final PseudoClass MATCH = PseudoClass.getPseudoClass("match");
    /** An edge drawn only because "all edges" is on (implied by the reduced ones). */
    public static final PseudoClass IMPLIED = PseudoClass.getPseudoClass("implied");
    /** Drag target: the drop would be accepted. */
    public static final PseudoClass DROP_OK = PseudoClass.getPseudoClass("drop-ok");
    /** Drag target: the drop would make a cycle. */
    public static final PseudoClass DROP_REFUSED = PseudoClass.getPseudoClass("drop-refused");
}
