package dev.orrery.gui.layout;

/** Where edges leave and enter a node box: the middles of the sides facing the children and the parents. */
final class Ports {
    private Ports() {
    }

    static LayoutResult.Point exit(double x, double y, double w, double h, LayoutDirection d) {
        return d == LayoutDirection.LEFT_TO_RIGHT
                ? new LayoutResult.Point(x + w, y + h / 2)
                : new LayoutResult.Point(x + w / 2, y + h);
    }

    static LayoutResult.Point entry(double x, double y, double w, double h, LayoutDirection d) {
        return d == LayoutDirection.LEFT_TO_RIGHT
                ? new LayoutResult.Point(x, y + h / 2)
                : new LayoutResult.Point(x + w / 2, y);
    }
}
