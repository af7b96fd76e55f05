package dev.orrery.gui.graph;

import dev.orrery.gui.layout.LayoutDirection;
import dev.orrery.model.ResourceKind;
import javafx.geometry.Point2D;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.shape.Line;

import java.util.Optional;

/**
 * The mouse and keyboard side of editing in a {@link GraphView}: drag a node onto another (the first waits for the
 * second; for jobs, reorders), drag an edge's tail or arrowhead onto another node (the edge moves), Delete removes
 * the selected edge, Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) undo and redo. While dragging, the node under the pointer
 * shows {@code :drop-ok} or {@code :drop-refused}. FX thread only.
 */
final class EditGestures {
    private static final double DRAG_THRESHOLD = 6;

    private enum Mode { NODE, EDGE_TAIL, EDGE_HEAD }

    private final GraphView view;
    private final EditSession session;
    private final Line line = new Line();
    private Mode mode;
    private NodeView source;
    private GraphEdge edge;
    private Point2D pressAt;
    private boolean dragging;
    private NodeView target;

    EditGestures(GraphView view, EditSession session) {
        this.view = view;
        this.session = session;
        line.getStyleClass().add(GraphStyles.DRAG_LINE);
        line.setMouseTransparent(true);
    }

    void pressed(NodeView node, MouseEvent e) {
        if (!e.isPrimaryButtonDown()) {
            return;
        }
        reset();
        mode = Mode.NODE;
        source = node;
        pressAt = new Point2D(e.getX(), e.getY());
        e.consume();
    }

    void edgePressed(EdgeView v, MouseEvent e) {
        Point2D local = view.sceneToLocal(e.getSceneX(), e.getSceneY());
        Point2D p = view.toGraph(local.getX(), local.getY());
        reset();
        edge = v.edge();
        if (e.getTarget() == v.arrow()) {
            mode = Mode.EDGE_HEAD;
        } else if (p.distance(v.start().x(), v.start().y()) < 24) {
            mode = Mode.EDGE_TAIL;
        } else {
            edge = null;
            return;
        }
        pressAt = local;
        e.consume();
    }

    void dragged(MouseEvent e) {
        if (mode == null) {
            return;
        }
        if (!dragging && pressAt.distance(e.getX(), e.getY()) < DRAG_THRESHOLD) {
            return;
        }
        if (!dragging) {
            dragging = true;
            view.overlay().getChildren().add(line);
            Point2D anchor = anchor();
            line.setStartX(anchor.getX());
            line.setStartY(anchor.getY());
        }
        Point2D p = view.toGraph(e.getX(), e.getY());
        line.setEndX(p.getX());
        line.setEndY(p.getY());
        highlight(view.nodeAt(e.getX(), e.getY()).orElse(null), e);
        e.consume();
    }

    void released(MouseEvent e) {
        if (mode == null) {
            return;
        }
        try {
            if (dragging && target != null) {
                EditSession.Outcome outcome = drop(target, e.getX(), e.getY());
                view.showMessage(outcome.message());
            }
        } finally {
            reset();
        }
    }

    /** Delete removes the selected edge; Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo. */
    boolean key(KeyEvent e) {
        if ((e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE)
                && view.selectedEdgeProperty().get() != null) {
            view.showMessage(remove(view.selectedEdgeProperty().get()).message());
            return true;
        }
        if (e.isShortcutDown() && e.getCode() == KeyCode.Z) {
            view.showMessage((e.isShiftDown() ? session.redo() : session.undo()).message());
            return true;
        }
        if (e.isShortcutDown() && e.getCode() == KeyCode.Y) {
            view.showMessage(session.redo().message());
            return true;
        }
        return false;
    }

    ContextMenu edgeMenu(GraphEdge e, ContextMenu menu) {
        ContextMenu m = menu == null ? new ContextMenu() : menu;
        MenuItem remove = new MenuItem("Remove wait-for");
        remove.setId("remove-wait-for");
        remove.setOnAction(a -> view.showMessage(remove(e).message()));
        remove.setDisable(!declared(e));
        if (!m.getItems().isEmpty()) {
            m.getItems().add(new SeparatorMenuItem());
        }
        m.getItems().add(remove);
        return m;
    }

    EditSession.Outcome remove(GraphEdge e) {
        return session.removeWaitFor(resourceOf(e.to()), resourceOf(e.from()));
    }

    private boolean declared(GraphEdge e) {
        return session.declaresWaitFor(resourceOf(e.to()), resourceOf(e.from()));
    }

    private String resourceOf(String nodeId) {
        return view.getGraph().node(nodeId).map(GraphNode::resource).orElse(nodeId);
    }

    private Point2D anchor() {
        String id = switch (mode) {
            case NODE -> source.node().id();
            case EDGE_TAIL -> edge.to();
            case EDGE_HEAD -> edge.from();
        };
        NodeView v = view.nodeView(id).orElseThrow();
        return new Point2D(v.getLayoutX() + NodeView.WIDTH / 2, v.getLayoutY() + NodeView.HEIGHT / 2);
    }

    private void highlight(NodeView next, MouseEvent e) {
        if (target != null) {
            target.pseudoClassStateChanged(GraphStyles.DROP_OK, false);
            target.pseudoClassStateChanged(GraphStyles.DROP_REFUSED, false);
        }
        target = next;
        if (next != null) {
            boolean ok = verdict(next, e.getX(), e.getY()).isEmpty();
            next.pseudoClassStateChanged(ok ? GraphStyles.DROP_OK : GraphStyles.DROP_REFUSED, true);
        }
    }

    /** Why dropping here is refused, or empty when it is allowed. */
    private Optional<String> verdict(NodeView over, double x, double y) {
        String to = over.node().resource();
        return switch (mode) {
            case NODE -> {
                String from = source.node().resource();
                if (from.equals(to)) {
                    yield Optional.of("same resource");
                }
                if (isJob(source.node()) && isJob(over.node())) {
                    yield Optional.empty();
                }
                yield session.cycleIfAdded(from, to);
            }
            case EDGE_TAIL -> {
                String waiter = resourceOf(edge.to());
                yield to.equals(waiter) ? Optional.of("same resource")
                        : session.cycleIfMoved(waiter, resourceOf(edge.from()), to);
            }
            case EDGE_HEAD -> {
                String parent = resourceOf(edge.from());
                yield to.equals(parent) ? Optional.of("same resource") : session.cycleIfAdded(to, parent);
            }
        };
    }

    private EditSession.Outcome drop(NodeView over, double x, double y) {
        String to = over.node().resource();
        return switch (mode) {
            case NODE -> {
                if (isJob(source.node()) && isJob(over.node())) {
                    yield session.moveJob(source.node().resource(), to, afterHalf(over, x, y));
                }
                yield session.addWaitFor(source.node().resource(), to);
            }
            case EDGE_TAIL -> session.moveWaitFor(resourceOf(edge.to()), resourceOf(edge.from()), to);
            case EDGE_HEAD -> session.moveWaiter(resourceOf(edge.from()), resourceOf(edge.to()), to);
        };
    }

    /** True when the pointer is in the second half of the node along the flow: "after". */
    private boolean afterHalf(NodeView over, double x, double y) {
        Point2D p = view.toGraph(x, y);
        return view.getOrientation() == LayoutDirection.LEFT_TO_RIGHT
                ? p.getX() > over.getLayoutX() + NodeView.WIDTH / 2
                : p.getY() > over.getLayoutY() + NodeView.HEIGHT / 2;
    }

    private static boolean isJob(GraphNode n) {
        return n.kind() == ResourceKind.JOB;
    }

    private void reset() {
        if (target != null) {
            target.pseudoClassStateChanged(GraphStyles.DROP_OK, false);
            target.pseudoClassStateChanged(GraphStyles.DROP_REFUSED, false);
        }
        view.overlay().getChildren().remove(line);
        mode = null;
        source = null;
        edge = null;
        target = null;
        dragging = false;
        pressAt = null;
    }
}
