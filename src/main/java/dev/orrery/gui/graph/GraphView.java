package dev.orrery.gui.graph;

import dev.orrery.gui.layout.LayoutDirection;
import dev.orrery.gui.layout.LayoutGraph;
import dev.orrery.gui.layout.LayoutRequest;
import dev.orrery.gui.layout.LayoutResult;
import dev.orrery.gui.layout.LayoutService;
import dev.orrery.model.TaskState;
import javafx.animation.AnimationTimer;
import javafx.animation.Interpolator;
import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;
import javafx.util.Duration;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The graph canvas: shows a {@link GraphModel} laid out by JGraphX's hierarchical layout (computed off the JavaFX
 * thread through {@link LayoutService}), drawn with JavaFX shapes: one {@link NodeView} per node (its id is the
 * node id, its user data the {@link GraphNode}), one {@link EdgeView} per edge.
 *
 * <p>Interaction: wheel or {@code +}/{@code -} zoom around the pointer, dragging the background pans, {@code 0}
 * fits, a click selects a node ({@link #selectedNodeProperty()}) or an edge ({@link #selectedEdgeProperty()}),
 * a double click calls {@link #setOnOpen}, a right click shows the menu of {@link #setContextMenuFactory}. With
 * an {@link EditSession} ({@link #setEditSession}) nodes and edges can be dragged to edit wait-for (issue 5).
 *
 * <p>Navigation between views (breadcrumbs, Back) is not done here: {@link GraphExplorer} wraps a GraphView with
 * {@link Breadcrumbs} and a {@link Legend} and opens a resource's tasks on double click; embed that, or this view
 * alone and drive it yourself.
 *
 * <p>Threads: call everything on the JavaFX thread except {@link #updateStates} and {@link #updateState}, which
 * may be called from any thread at any rate: updates are buffered ({@link StateBuffer}) and applied once per frame,
 * touching only nodes whose shown state changed.
 */
public class GraphView extends Region {
    /** Above this many nodes the task view is laid out by resource groups (see docs/decisions). */
    public static final int GROUPED_LAYOUT_THRESHOLD = 400;
    private static final double MIN_SCALE = 0.05;
    private static final double MAX_SCALE = 3;
    private static final double ZOOM_STEP = 1.25;
    private static final double FIT_MARGIN = 30;

    private final Group content = new Group();
    private final Group lanes = new Group();
    private final Group edges = new Group();
    private final Group nodes = new Group();
    private final Group overlay = new Group();
    private final Translate pan = new Translate();
    private final Scale zoom = new Scale(1, 1, 0, 0);
    private final Label message = new Label();
    private final Rectangle clip = new Rectangle();

    private final LayoutService layoutService;
    private final StateBuffer buffer = new StateBuffer();
    private final Map<String, TaskState> taskStates = new HashMap<>();
    private final Map<String, NodeView> nodeViews = new LinkedHashMap<>();
    private final Map<GraphEdge, EdgeView> edgeViews = new LinkedHashMap<>();
    private final Map<String, NodeView> running = new LinkedHashMap<>();

    private final ReadOnlyObjectWrapper<GraphModel> graph = new ReadOnlyObjectWrapper<>(this, "graph", GraphModel.EMPTY);
    private final ReadOnlyObjectWrapper<GraphNode> selectedNode = new ReadOnlyObjectWrapper<>(this, "selectedNode");
    private final ReadOnlyObjectWrapper<GraphEdge> selectedEdge = new ReadOnlyObjectWrapper<>(this, "selectedEdge");
    private final ReadOnlyDoubleWrapper scale = new ReadOnlyDoubleWrapper(this, "scale", 1);
    private final ReadOnlyBooleanWrapper layingOut = new ReadOnlyBooleanWrapper(this, "layingOut");
    private final ReadOnlyStringWrapper lastMessage = new ReadOnlyStringWrapper(this, "lastMessage", "");
    private final ObjectProperty<LayoutDirection> orientation =
            new SimpleObjectProperty<>(this, "orientation", LayoutDirection.LEFT_TO_RIGHT);
    private final BooleanProperty showAllEdges = new SimpleBooleanProperty(this, "showAllEdges", false);

    private Consumer<GraphNode> onOpen = n -> {
    };
    private Function<GraphNode, ContextMenu> contextMenuFactory = n -> null;
    private Function<GraphEdge, ContextMenu> edgeContextMenuFactory = e -> null;
    private EditGestures editGestures;
    private NodeStates nodeStates = new NodeStates(GraphModel.EMPTY);
    private LayoutResult layout = LayoutResult.EMPTY;
    private NodeView matched;
    private Point2D panStart;
    private Runnable afterLayout = () -> {
    };
    private boolean fitOnNextLayout = true;
    private final AnimationTimer frame = new AnimationTimer() {
        @Override
        public void handle(long now) {
            onFrame(now);
        }
    };

    /** A view that lays out on its own daemon thread and delivers on the JavaFX thread. */
    public GraphView() {
        this(new LayoutService(defaultLayoutThread(), Platform::runLater));
    }

    /** A view whose layouts go through the given service (tests pass one with same-thread executors). */
    public GraphView(LayoutService layoutService) {
        this.layoutService = Objects.requireNonNull(layoutService, "layoutService");
        getStyleClass().add(GraphStyles.VIEW);
        content.getStyleClass().add(GraphStyles.CONTENT);
        content.getTransforms().addAll(pan, zoom);
        content.getChildren().addAll(lanes, edges, nodes, overlay);
        message.getStyleClass().add(GraphStyles.MESSAGE);
        message.setVisible(false);
        message.setManaged(false);
        getChildren().addAll(content, message);
        setClip(clip);
        setFocusTraversable(true);
        setMinSize(100, 100);
        setPrefSize(900, 600);
        installMouse();
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
        orientation.addListener((o, a, b) -> relayout(true));
        showAllEdges.addListener((o, a, b) -> drawEdges());
        sceneProperty().addListener((o, a, b) -> {
            if (b == null) {
                frame.stop();
            } else {
                frame.start();
            }
        });
    }

    private static Executor defaultLayoutThread() {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "orrery-graph-layout");
            t.setDaemon(true);
            return t;
        });
        return worker;
    }

    // ---------------------------------------------------------------- public API

    /**
     * Shows a graph. The layout runs in the background; until it arrives the previous drawing stays. Task states
     * already given are kept (they are by task id), so switching views keeps the colours. Nodes that exist before
     * and after glide from their old to their new place.
     */
    public void setGraph(GraphModel model) {
        Objects.requireNonNull(model, "model");
        boolean sameNodes = graph.get().nodes().stream().map(GraphNode::id).toList()
                .equals(model.nodes().stream().map(GraphNode::id).toList());
        graph.set(model);
        nodeStates = new NodeStates(model);
        if (!sameNodes) {
            fitOnNextLayout = nodeViews.keySet().stream().noneMatch(id -> model.node(id).isPresent());
        }
        relayout(false);
    }

    public GraphModel getGraph() {
        return graph.get();
    }

    public ReadOnlyObjectProperty<GraphModel> graphProperty() {
        return graph.getReadOnlyProperty();
    }

    /** Replaces the known states of these tasks. Any thread, any rate: applied once per frame. */
    public void updateStates(Map<String, TaskState> states) {
        buffer.offerAll(states);
    }

    /** As {@link #updateStates} for one task. Any thread. */
    public void updateState(String taskId, TaskState state) {
        buffer.offer(taskId, state);
    }

    /** Forgets every task state (all nodes back to pending), e.g. when another plan is shown. FX thread. */
    public void clearStates() {
        buffer.drain();
        taskStates.clear();
        applyStates();
    }

    /** What a node currently shows (after the last frame), or empty if the node is not drawn. */
    public Optional<DisplayState> displayedState(String nodeId) {
        return Optional.ofNullable(nodeViews.get(nodeId)).map(NodeView::displayState);
    }

    /** The drawing of a node, for callers and tests that need the scene node. */
    public Optional<NodeView> nodeView(String nodeId) {
        return Optional.ofNullable(nodeViews.get(nodeId));
    }

    /** The drawings of the edges shown now. */
    public Collection<EdgeView> edgeViews() {
        return java.util.Collections.unmodifiableCollection(edgeViews.values());
    }

    public ReadOnlyObjectProperty<GraphNode> selectedNodeProperty() {
        return selectedNode.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<GraphEdge> selectedEdgeProperty() {
        return selectedEdge.getReadOnlyProperty();
    }

    /** Selects a node by id (and centres it); empty clears the selection. */
    public void select(String nodeId) {
        selectEdge(null);
        NodeView previous = selectedNode.get() == null ? null : nodeViews.get(selectedNode.get().id());
        if (previous != null) {
            previous.pseudoClassStateChanged(GraphStyles.SELECTED, false);
        }
        NodeView next = nodeId == null ? null : nodeViews.get(nodeId);
        if (next != null) {
            next.pseudoClassStateChanged(GraphStyles.SELECTED, true);
        }
        selectedNode.set(next == null ? null : next.node());
    }

    /** Called with the node on double click (e.g. to open a resource's tasks). */
    public void setOnOpen(Consumer<GraphNode> onOpen) {
        this.onOpen = Objects.requireNonNull(onOpen, "onOpen");
    }

    /** Builds the right-click menu of a node; return null for none. */
    public void setContextMenuFactory(Function<GraphNode, ContextMenu> factory) {
        this.contextMenuFactory = Objects.requireNonNull(factory, "factory");
    }

    /** Builds the right-click menu of an edge; the edit session adds "Remove wait-for" when editing is on. */
    public void setEdgeContextMenuFactory(Function<GraphEdge, ContextMenu> factory) {
        this.edgeContextMenuFactory = Objects.requireNonNull(factory, "factory");
    }

    /** Turns on editing by drag (issue 5) through this session; null turns it off. */
    public void setEditSession(EditSession session) {
        this.editGestures = session == null ? null : new EditGestures(this, session);
    }

    public ObjectProperty<LayoutDirection> orientationProperty() {
        return orientation;
    }

    public LayoutDirection getOrientation() {
        return orientation.get();
    }

    public void setOrientation(LayoutDirection direction) {
        orientation.set(direction);
    }

    /** True: draw every declared edge (implied ones dashed); false: only the transitively reduced ones. */
    public BooleanProperty showAllEdgesProperty() {
        return showAllEdges;
    }

    public void setShowAllEdges(boolean all) {
        showAllEdges.set(all);
    }

    public ReadOnlyDoubleProperty scaleProperty() {
        return scale.getReadOnlyProperty();
    }

    /** True while a layout is being computed. */
    public ReadOnlyBooleanProperty layingOutProperty() {
        return layingOut.getReadOnlyProperty();
    }

    /** The last message shown over the graph (e.g. why a drop was refused). */
    public ReadOnlyStringProperty lastMessageProperty() {
        return lastMessage.getReadOnlyProperty();
    }

    /** Runs once after the next layout has been drawn (tests and screenshots wait on it). */
    public void setAfterLayout(Runnable action) {
        this.afterLayout = Objects.requireNonNull(action, "action");
    }

    public void zoomIn() {
        zoomAt(ZOOM_STEP, getWidth() / 2, getHeight() / 2);
    }

    public void zoomOut() {
        zoomAt(1 / ZOOM_STEP, getWidth() / 2, getHeight() / 2);
    }

    /** Scales and centres the whole graph into the window (never magnifying beyond 100 %). */
    public void fit() {
        double w = Math.max(1, layout.width()) + 2 * FIT_MARGIN;
        double h = Math.max(1, layout.height()) + 2 * FIT_MARGIN;
        double viewW = getWidth() > 0 ? getWidth() : getPrefWidth();
        double viewH = getHeight() > 0 ? getHeight() : getPrefHeight();
        double s = clampScale(Math.min(1, Math.min(viewW / w, viewH / h)));
        setScale(s);
        pan.setX((viewW - layout.width() * s) / 2);
        pan.setY((viewH - layout.height() * s) / 2);
    }

    /**
     * Finds the first node whose id or label contains the text (case-insensitive), highlights it, selects it and
     * centres it, zooming in to at least 80 % so it can be read.
     *
     * @return the node found, or empty (then the highlight is cleared)
     */
    public Optional<GraphNode> search(String text) {
        if (matched != null) {
            matched.pseudoClassStateChanged(GraphStyles.MATCH, false);
            matched = null;
        }
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String needle = text.trim().toLowerCase(Locale.ROOT);
        Optional<NodeView> found = nodeViews.values().stream()
                .filter(v -> v.node().id().toLowerCase(Locale.ROOT).contains(needle)
                        || v.node().label().toLowerCase(Locale.ROOT).contains(needle))
                .findFirst();
        found.ifPresent(v -> {
            matched = v;
            v.pseudoClassStateChanged(GraphStyles.MATCH, true);
            select(v.node().id());
            if (scale.get() < 0.8) {
                setScale(0.8);
            }
            centerOn(v.node().id());
        });
        return found.map(NodeView::node);
    }

    /** Moves the view so the node is in the middle. */
    public void centerOn(String nodeId) {
        NodeView v = nodeViews.get(nodeId);
        if (v == null) {
            return;
        }
        double s = scale.get();
        double cx = v.getLayoutX() + NodeView.WIDTH / 2;
        double cy = v.getLayoutY() + NodeView.HEIGHT / 2;
        pan.setX(getWidth() / 2 - cx * s);
        pan.setY(getHeight() / 2 - cy * s);
    }

    /** Shows a short message over the graph for a few seconds. */
    public void showMessage(String text) {
        lastMessage.set(text);
        message.setText(text);
        message.setVisible(true);
        message.setOpacity(1);
        Timeline fade = new Timeline(new KeyFrame(Duration.seconds(5)),
                new KeyFrame(Duration.seconds(5.6), new KeyValue(message.opacityProperty(), 0)));
        fade.setOnFinished(e -> message.setVisible(false));
        fade.play();
    }

    // ---------------------------------------------------------------- layout and drawing

    private void relayout(boolean fitAfter) {
        GraphModel model = graph.get();
        LayoutRequest request = layoutRequest(model, orientation.get());
        layingOut.set(true);
        if (fitAfter) {
            fitOnNextLayout = true;
        }
        layoutService.submit(request, result -> {
            if (graph.get() == model) {
                draw(model, result);
            }
        }, e -> {
            layingOut.set(false);
            showMessage("Layout failed: " + e.getMessage());
        });
    }

    /** The layout a model needs: lanes per host, groups per resource above the threshold, else flat. */
    static LayoutRequest layoutRequest(GraphModel model, LayoutDirection direction) {
        LayoutGraph.Builder b = new LayoutGraph.Builder();
        Map<String, String> groups = new HashMap<>();
        for (GraphNode n : model.nodes()) {
            b.node(n.id(), NodeView.WIDTH, NodeView.HEIGHT);
            groups.put(n.id(), model.view() == ViewKind.HOSTS && n.host() != null ? n.host() : n.resource());
        }
        model.edges().forEach(e -> b.edge(e.from(), e.to()));
        LayoutGraph g = b.build();
        if (model.view() == ViewKind.HOSTS) {
            return new LayoutRequest(g, direction, LayoutRequest.Strategy.LANES, groups);
        }
        if (model.nodes().size() > GROUPED_LAYOUT_THRESHOLD) {
            return new LayoutRequest(g, direction, LayoutRequest.Strategy.GROUPED, groups);
        }
        return LayoutRequest.flat(g, direction);
    }

    private void draw(GraphModel model, LayoutResult result) {
        Map<String, Point2D> before = new HashMap<>();
        nodeViews.forEach((id, v) -> before.put(id, new Point2D(v.getLayoutX(), v.getLayoutY())));
        String selected = selectedNode.get() == null ? null : selectedNode.get().id();
        layout = result;
        nodeViews.clear();
        running.clear();
        matched = null;
        selectedNode.set(null);
        selectedEdge.set(null);
        java.util.List<Node> drawn = new java.util.ArrayList<>(model.nodes().size());
        for (GraphNode n : model.nodes()) {
            NodeView v = new NodeView(n);
            LayoutResult.Point p = result.position(n.id());
            v.relocate(p.x(), p.y());
            nodeViews.put(n.id(), v);
            drawn.add(v);
        }
        nodes.getChildren().setAll(drawn);
        drawLanes(result);
        drawEdges();
        applyStates();
        if (selected != null && nodeViews.containsKey(selected)) {
            select(selected);
        }
        layingOut.set(false);
        if (fitOnNextLayout) {
            fitOnNextLayout = false;
            fit();
        } else {
            glide(before);
        }
        Runnable done = afterLayout;
        afterLayout = () -> {
        };
        done.run();
    }

    /** Nodes that were drawn before start at their old place and move to the new one, so edits do not jump. */
    private void glide(Map<String, Point2D> before) {
        Timeline t = new Timeline();
        for (NodeView v : nodeViews.values()) {
            Point2D old = before.get(v.node().id());
            if (old != null && (old.getX() != v.getLayoutX() || old.getY() != v.getLayoutY())) {
                v.setTranslateX(old.getX() - v.getLayoutX());
                v.setTranslateY(old.getY() - v.getLayoutY());
                t.getKeyFrames().add(new KeyFrame(Duration.millis(350),
                        new KeyValue(v.translateXProperty(), 0, Interpolator.EASE_BOTH),
                        new KeyValue(v.translateYProperty(), 0, Interpolator.EASE_BOTH)));
            }
        }
        if (!t.getKeyFrames().isEmpty()) {
            edges.setOpacity(0);
            t.getKeyFrames().add(new KeyFrame(Duration.millis(500), new KeyValue(edges.opacityProperty(), 1)));
            t.play();
        }
    }

    private void drawLanes(LayoutResult result) {
        java.util.List<Node> drawn = new java.util.ArrayList<>();
        result.lanes().forEach((name, box) -> {
            Rectangle r = new Rectangle(box.x(), box.y(), box.width(), box.height());
            r.getStyleClass().add(GraphStyles.LANE);
            r.setArcWidth(16);
            r.setArcHeight(16);
            r.setUserData(name);
            Text title = new Text(box.x() + 14, box.y() + 20, name);
            title.getStyleClass().add(GraphStyles.LANE_TITLE);
            title.setId("lane:" + name);
            drawn.add(r);
            drawn.add(title);
        });
        lanes.getChildren().setAll(drawn);
    }

    private void drawEdges() {
        GraphModel model = graph.get();
        edgeViews.clear();
        if (nodeViews.isEmpty()) {
            edges.getChildren().clear();
            return;
        }
        java.util.Set<GraphEdge> reduced = new java.util.HashSet<>(model.edges());
        List<GraphEdge> shown = showAllEdges.get() ? model.allEdges() : model.edges();
        java.util.List<Node> drawn = new java.util.ArrayList<>(shown.size());
        for (GraphEdge e : shown) {
            if (!nodeViews.containsKey(e.from()) || !nodeViews.containsKey(e.to())) {
                continue;
            }
            List<LayoutResult.Point> route = layout.routes().get(new LayoutGraph.Edge(e.from(), e.to()));
            if (route == null) {
                route = straightRoute(e);
            }
            EdgeView v = new EdgeView(e, route, orientation.get(), !reduced.contains(e));
            installEdgeMouse(v);
            edgeViews.put(e, v);
            drawn.add(v);
        }
        edges.getChildren().setAll(drawn);
    }

    private List<LayoutResult.Point> straightRoute(GraphEdge e) {
        NodeView a = nodeViews.get(e.from());
        NodeView b = nodeViews.get(e.to());
        boolean ltr = orientation.get() == LayoutDirection.LEFT_TO_RIGHT;
        LayoutResult.Point start = ltr
                ? new LayoutResult.Point(a.getLayoutX() + NodeView.WIDTH, a.getLayoutY() + NodeView.HEIGHT / 2)
                : new LayoutResult.Point(a.getLayoutX() + NodeView.WIDTH / 2, a.getLayoutY() + NodeView.HEIGHT);
        LayoutResult.Point end = ltr
                ? new LayoutResult.Point(b.getLayoutX(), b.getLayoutY() + NodeView.HEIGHT / 2)
                : new LayoutResult.Point(b.getLayoutX() + NodeView.WIDTH / 2, b.getLayoutY());
        return List.of(start, end);
    }

    // ---------------------------------------------------------------- states, once per frame

    private void onFrame(long now) {
        Map<String, TaskState> changes = buffer.drain();
        if (!changes.isEmpty()) {
            taskStates.putAll(changes);
            applyStates();
        }
        if (!running.isEmpty()) {
            double phase = (now / 40_000_000L) % 16;
            running.values().forEach(v -> v.animate(phase));
        }
    }

    /** Recomputes what every node shows (O(n + m)) and touches only the nodes whose state changed. */
    private void applyStates() {
        Map<String, DisplayState> shown = nodeStates.compute(taskStates);
        for (NodeView v : nodeViews.values()) {
            DisplayState s = shown.getOrDefault(v.node().id(), DisplayState.PENDING);
            if (s != v.displayState()) {
                v.setDisplayState(s);
                if (s == DisplayState.RUNNING) {
                    running.put(v.node().id(), v);
                } else {
                    running.remove(v.node().id());
                }
            }
        }
    }

    /** Applies buffered states now instead of at the next frame (tests, and callers that snapshot). FX thread. */
    public void flushStates() {
        onFrame(0);
    }

    // ---------------------------------------------------------------- zoom and pan

    private void setScale(double s) {
        double c = clampScale(s);
        zoom.setX(c);
        zoom.setY(c);
        scale.set(c);
    }

    private static double clampScale(double s) {
        return Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
    }

    /** Zooms by a factor keeping the point under (x, y) of this view in place. */
    public void zoomAt(double factor, double x, double y) {
        double s = scale.get();
        double worldX = (x - pan.getX()) / s;
        double worldY = (y - pan.getY()) / s;
        setScale(s * factor);
        pan.setX(x - worldX * scale.get());
        pan.setY(y - worldY * scale.get());
    }

    /** Converts a point of this view to graph coordinates. */
    Point2D toGraph(double x, double y) {
        return new Point2D((x - pan.getX()) / scale.get(), (y - pan.getY()) / scale.get());
    }

    Group overlay() {
        return overlay;
    }

    Collection<NodeView> nodeViewsInOrder() {
        return nodeViews.values();
    }

    /** The node under a point of this view, if any. */
    Optional<NodeView> nodeAt(double x, double y) {
        Point2D p = toGraph(x, y);
        for (NodeView v : nodeViews.values()) {
            double vx = v.getLayoutX();
            double vy = v.getLayoutY();
            if (p.getX() >= vx && p.getX() <= vx + NodeView.WIDTH && p.getY() >= vy && p.getY() <= vy + NodeView.HEIGHT) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    void selectEdge(GraphEdge edge) {
        GraphEdge previous = selectedEdge.get();
        if (previous != null && edgeViews.containsKey(previous)) {
            edgeViews.get(previous).pseudoClassStateChanged(GraphStyles.SELECTED, false);
        }
        if (edge != null && edgeViews.containsKey(edge)) {
            edgeViews.get(edge).pseudoClassStateChanged(GraphStyles.SELECTED, true);
            if (selectedNode.get() != null) {
                select(null);
            }
        }
        selectedEdge.set(edge);
    }

    private void installMouse() {
        addEventHandler(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() != 0) {
                zoomAt(Math.exp(e.getDeltaY() * 0.004), e.getX(), e.getY());
                e.consume();
            }
        });
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            requestFocus();
            Optional<NodeView> hit = e.getButton() == MouseButton.PRIMARY ? nodeAt(e.getX(), e.getY()) : Optional.empty();
            if (hit.isEmpty() && e.getButton() == MouseButton.PRIMARY && !(e.getTarget() instanceof Node n
                    && isInside(n, edges))) {
                panStart = new Point2D(e.getX() - pan.getX(), e.getY() - pan.getY());
            }
            if (hit.isPresent() && editGestures != null) {
                editGestures.pressed(hit.get(), e);
            }
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (panStart != null) {
                pan.setX(e.getX() - panStart.getX());
                pan.setY(e.getY() - panStart.getY());
            } else if (editGestures != null) {
                editGestures.dragged(e);
            }
        });
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            panStart = null;
            if (editGestures != null) {
                editGestures.released(e);
            }
        });
        addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (!e.isStillSincePress()) {
                return;
            }
            Optional<NodeView> hit = nodeAt(e.getX(), e.getY());
            if (e.getButton() == MouseButton.PRIMARY) {
                if (hit.isPresent()) {
                    select(hit.get().node().id());
                    if (e.getClickCount() == 2) {
                        onOpen.accept(hit.get().node());
                    }
                } else if (!(e.getTarget() instanceof Node n && isInside(n, edges))) {
                    select(null);
                }
            }
        });
        setOnContextMenuRequested(e -> {
            Optional<NodeView> hit = nodeAt(e.getX(), e.getY());
            ContextMenu menu = null;
            if (hit.isPresent()) {
                select(hit.get().node().id());
                menu = contextMenuFactory.apply(hit.get().node());
            } else if (selectedEdge.get() != null && e.getTarget() instanceof Node n && isInside(n, edges)) {
                menu = edgeMenu(selectedEdge.get());
            }
            if (menu != null) {
                menu.show(this, e.getScreenX(), e.getScreenY());
                e.consume();
            }
        });
    }

    private ContextMenu edgeMenu(GraphEdge edge) {
        ContextMenu menu = edgeContextMenuFactory.apply(edge);
        if (editGestures != null) {
            menu = editGestures.edgeMenu(edge, menu);
        }
        return menu;
    }

    private void installEdgeMouse(EdgeView v) {
        v.setOnMousePressed(e -> {
            if (e.getButton() == MouseButton.PRIMARY || e.getButton() == MouseButton.SECONDARY) {
                selectEdge(v.edge());
                if (editGestures != null && e.getButton() == MouseButton.PRIMARY) {
                    editGestures.edgePressed(v, e);
                }
            }
        });
    }

    private static boolean isInside(Node n, Node ancestor) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }

    private void onKey(KeyEvent e) {
        KeyCode code = e.getCode();
        if (code == KeyCode.PLUS || code == KeyCode.ADD || code == KeyCode.EQUALS) {
            zoomIn();
        } else if (code == KeyCode.MINUS || code == KeyCode.SUBTRACT) {
            zoomOut();
        } else if (code == KeyCode.DIGIT0 || code == KeyCode.NUMPAD0) {
            fit();
        } else if (editGestures != null && editGestures.key(e)) {
            e.consume();
            return;
        } else {
            return;
        }
        e.consume();
    }

    @Override
    protected void layoutChildren() {
        clip.setWidth(getWidth());
        clip.setHeight(getHeight());
        message.autosize();
        message.relocate(Math.max(8, (getWidth() - message.getWidth()) / 2), 12);
    }
}
