package dev.orrery.gui.graph;

import javafx.scene.Group;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

/**
 * The drawing of one {@link GraphNode}: a rounded box, a bold name and a smaller detail line. Lightweight shapes
 * (no controls) so that thousands stay cheap; colours come from the stylesheet through the state pseudo-class.
 * Its id is the node id and its user data the {@link GraphNode}, so tests and callers can find it.
 */
public final class NodeView extends Group {
    static final double WIDTH = 184;
    static final double HEIGHT = 50;
    private static final int MAX_LABEL = 24;
    private static final int MAX_DETAIL = 30;

    private final GraphNode node;
    private final double width;
    private final double height;
    private final Rectangle box;
    private final Rectangle stripe;
    private final Text label;
    private final Text detail;
    private DisplayState state;

    NodeView(GraphNode node) {
        this(node, WIDTH, HEIGHT);
    }

    /** A node of another size: a collapsed group covering the stack of its members. */
    NodeView(GraphNode node, double width, double height) {
        this.node = node;
        this.width = width;
        this.height = height;
        this.box = new Rectangle(width, height);
        this.stripe = new Rectangle(6, height - 12);
        setId(node.id());
        setUserData(node);
        getStyleClass().addAll(GraphStyles.NODE, node.isTask() ? GraphStyles.TASK_NODE : GraphStyles.RESOURCE_NODE,
                "kind-" + node.kind().name().toLowerCase(java.util.Locale.ROOT));
        box.getStyleClass().add(GraphStyles.NODE_BOX);
        box.setArcWidth(14);
        box.setArcHeight(14);
        stripe.getStyleClass().add(GraphStyles.NODE_STRIPE);
        stripe.setX(6);
        stripe.setY(6);
        stripe.setArcWidth(6);
        stripe.setArcHeight(6);
        label = new Text(18, 22, shorten(node.label(), MAX_LABEL));
        label.getStyleClass().add(GraphStyles.NODE_LABEL);
        detail = new Text(18, 39, shorten(node.detail(), MAX_DETAIL));
        detail.getStyleClass().add(GraphStyles.NODE_DETAIL);
        label.setMouseTransparent(true);
        detail.setMouseTransparent(true);
        getChildren().addAll(box, stripe, label, detail);
        setDisplayState(DisplayState.PENDING);
    }

    public GraphNode node() {
        return node;
    }

    double width() {
        return width;
    }

    double height() {
        return height;
    }

    public DisplayState displayState() {
        return state;
    }

    void setDisplayState(DisplayState next) {
        if (next == state) {
            return;
        }
        if (state != null) {
            pseudoClassStateChanged(state.pseudoClass(), false);
        }
        state = next;
        pseudoClassStateChanged(next.pseudoClass(), true);
        if (next != DisplayState.RUNNING) {
            box.setStrokeDashOffset(0);
        }
    }

    /** Hides the texts when they would be too small to read anyway (they are the costly part to render). */
    void setTextVisible(boolean visible) {
        label.setVisible(visible);
        detail.setVisible(visible);
    }

    /** Moves the dashes of a running node's border: called once per frame while it runs. */
    void animate(double phase) {
        box.setStrokeDashOffset(-phase);
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
