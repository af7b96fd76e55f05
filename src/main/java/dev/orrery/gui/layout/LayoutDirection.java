package dev.orrery.gui.layout;

/** Which way the ranks of a hierarchical layout run: parents before children. */
public enum LayoutDirection {
    /** Parents on the left, children to their right. */
    LEFT_TO_RIGHT,
    /** Parents at the top, children below. */
    TOP_TO_BOTTOM
}
