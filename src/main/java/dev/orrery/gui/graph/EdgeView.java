package dev.orrery.gui.graph;

import dev.orrery.gui.layout.LayoutDirection;
import dev.orrery.gui.layout.LayoutResult;
import javafx.scene.Group;
import javafx.scene.paint.Color;
import javafx.scene.shape.CubicCurveTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.Polygon;

import java.util.List;

/**
 * The drawing of one {@link GraphEdge}: a smooth curve through the layout's route and an arrowhead at the child.
 * A wider transparent copy of the curve makes it easy to click. User data is the {@link GraphEdge}.
 */
public final class EdgeView extends Group {
    private static final double ARROW_LENGTH = 10;
    private static final double ARROW_HALF_WIDTH = 5;

    private final GraphEdge edge;
    private final Polygon arrow = new Polygon();
    private final List<LayoutResult.Point> route;

    EdgeView(GraphEdge edge, List<LayoutResult.Point> route, LayoutDirection direction, boolean implied) {
        this(edge, route, direction, implied, true);
    }

    /** @param clickable false: no wider hit path (edges drawn only to look at, e.g. between collapsed groups) */
    EdgeView(GraphEdge edge, List<LayoutResult.Point> route, LayoutDirection direction, boolean implied,
             boolean clickable) {
        this.edge = edge;
        this.route = List.copyOf(route);
        setUserData(edge);
        setId("edge:" + edge.from() + "->" + edge.to());
        getStyleClass().add(GraphStyles.EDGE);
        pseudoClassStateChanged(GraphStyles.IMPLIED, implied);
        Path line = new Path();
        line.getStyleClass().add(GraphStyles.EDGE_LINE);
        double[] lastControl = build(line, route, direction);
        LayoutResult.Point end = route.get(route.size() - 1);
        shortenEnd(line, end, lastControl);
        arrow.getStyleClass().add(GraphStyles.EDGE_ARROW);
        placeArrow(end, lastControl);
        line.setMouseTransparent(true);
        if (clickable) {
            Path hit = new Path();
            hit.getStyleClass().add(GraphStyles.EDGE_HIT);
            hit.setStroke(Color.TRANSPARENT);
            hit.setStrokeWidth(10);
            build(hit, route, direction);
            getChildren().add(hit);
        } else {
            setMouseTransparent(true);
        }
        getChildren().addAll(line, arrow);
    }

    public GraphEdge edge() {
        return edge;
    }

    /** The arrowhead: dragging it moves the child end of the edge. */
    Polygon arrow() {
        return arrow;
    }

    LayoutResult.Point start() {
        return route.get(0);
    }

    /** Builds S-curves along the flow axis between consecutive route points; returns the last control point. */
    private static double[] build(Path path, List<LayoutResult.Point> route, LayoutDirection direction) {
        LayoutResult.Point p0 = route.get(0);
        path.getElements().add(new MoveTo(p0.x(), p0.y()));
        double[] last = {p0.x(), p0.y()};
        for (int i = 1; i < route.size(); i++) {
            LayoutResult.Point a = route.get(i - 1);
            LayoutResult.Point b = route.get(i);
            double c1x;
            double c1y;
            double c2x;
            double c2y;
            boolean horizontal = direction == LayoutDirection.LEFT_TO_RIGHT
                    ? Math.abs(b.x() - a.x()) >= 1 : Math.abs(b.y() - a.y()) < 1;
            if (horizontal) {
                double dx = (b.x() - a.x()) / 2;
                c1x = a.x() + dx;
                c1y = a.y();
                c2x = b.x() - dx;
                c2y = b.y();
            } else {
                double dy = (b.y() - a.y()) / 2;
                c1x = a.x();
                c1y = a.y() + dy;
                c2x = b.x();
                c2y = b.y() - dy;
            }
            path.getElements().add(new CubicCurveTo(c1x, c1y, c2x, c2y, b.x(), b.y()));
            last = new double[]{c2x, c2y};
        }
        return last;
    }

    /** Stops the visible line at the arrow's base so the stroke does not poke through the arrow's tip. */
    private static void shortenEnd(Path line, LayoutResult.Point end, double[] control) {
        double[] u = unit(end, control);
        int lastIndex = line.getElements().size() - 1;
        if (line.getElements().get(lastIndex) instanceof CubicCurveTo c) {
            c.setX(end.x() - u[0] * ARROW_LENGTH * 0.8);
            c.setY(end.y() - u[1] * ARROW_LENGTH * 0.8);
        }
    }

    private void placeArrow(LayoutResult.Point tip, double[] control) {
        double[] u = unit(tip, control);
        double bx = tip.x() - u[0] * ARROW_LENGTH;
        double by = tip.y() - u[1] * ARROW_LENGTH;
        arrow.getPoints().setAll(tip.x(), tip.y(),
                bx - u[1] * ARROW_HALF_WIDTH, by + u[0] * ARROW_HALF_WIDTH,
                bx + u[1] * ARROW_HALF_WIDTH, by - u[0] * ARROW_HALF_WIDTH);
    }

    /** Unit vector from the control point to the tip (the direction the curve arrives in). */
    private static double[] unit(LayoutResult.Point tip, double[] control) {
        double dx = tip.x() - control[0];
        double dy = tip.y() - control[1];
        double len = Math.hypot(dx, dy);
        return len < 1e-6 ? new double[]{1, 0} : new double[]{dx / len, dy / len};
    }
}
