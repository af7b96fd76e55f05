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
 * an {@link EditSession} ({@link #setEditSession}) nodes and edges can be dragged to edit wait-for.
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
    /**
     * Above this many nodes a view is laid out by resource groups and drawn virtually: zoomed out below
     * {@link #DETAIL_SCALE} one box per group, zoomed in only the nodes near the window (docs/decisions).
     */
    public static final int GROUPED_LAYOUT_THRESHOLD = 400;
    /** The zoom from which a large graph shows its tasks instead of its groups. */
    public static final double DETAIL_SCALE = 0.4;
    private static final double VIEWPORT_MARGIN = 0.25;
    /** Below this zoom a group's title is under 4 px high: not drawn. */
    private static final double MIN_READABLE_SCALE = 0.3;
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
    private final Map<String, NodeView> groupViews = new LinkedHashMap<>();
    private final Map<String, NodeView> running = new LinkedHashMap<>();
    private final Map<String, GraphNode> modelNodes = new HashMap<>();
    private final Group groupLayer = new Group();
    private List<GraphNode> groupNodes = List.of();
    private Map<String, DisplayState> shown = Map.of();
    private String selectedId;
    private String matchedId;
    private boolean virtual;
    private boolean viewportDirty;

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
    private Point2D panStart;
    private Runnable afterLayout = () -> {
    };
    private boolean fitOnNextLayout = true;
    /** fit() ran before the view had a size: fit again once it has one. */
    private boolean fitWhenSized;
    private final AnimationTimer frame = new AnimationTimer() {
        @Override
        public void handle(long now) {
            onFrame(now);
        }
    };

    /** A view that lays out on its own daemon thread and delivers on the JavaFX thread. */
    public GraphView() {
        this(new LayoutService(defaultLayoutThread(), Platform::runLater));
        layoutService.warmUp();
    }

    /** A view whose layouts go through the given service (tests pass one with same-thread executors). */
    public GraphView(LayoutService layoutService) {
        this.layoutService = Objects.requireNonNull(layoutService, "layoutService");
        getStyleClass().add(GraphStyles.VIEW);
        content.getStyleClass().add(GraphStyles.CONTENT);
        content.getTransforms().addAll(pan, zoom);
        content.getChildren().addAll(lanes, groupLayer, edges, nodes, overlay);
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
        showAllEdges.addListener((o, a, b) -> redrawEdges());
        pan.xProperty().addListener(o -> viewportDirty = true);
        pan.yProperty().addListener(o -> viewportDirty = true);
        widthProperty().addListener(o -> viewportDirty = true);
        heightProperty().addListener(o -> viewportDirty = true);
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
        return Optional.ofNullable(shown.get(nodeId));
    }

    /**
     * The drawing of a node, for callers and tests that need the scene node; empty when it is not drawn (a large
     * graph draws only what is near the window).
     */
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

    /** Selects a node by id; null clears the selection. */
    public void select(String nodeId) {
        selectEdge(null);
        if (selectedId != null && nodeViews.containsKey(selectedId)) {
            nodeViews.get(selectedId).pseudoClassStateChanged(GraphStyles.SELECTED, false);
        }
        selectedId = nodeId != null && modelNodes.containsKey(nodeId) ? nodeId : null;
        if (selectedId != null && nodeViews.containsKey(selectedId)) {
            nodeViews.get(selectedId).pseudoClassStateChanged(GraphStyles.SELECTED, true);
        }
        selectedNode.set(selectedId == null ? null : modelNodes.get(selectedId));
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

    /** Turns on editing by drag through this session; null turns it off. */
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
        fitWhenSized = getWidth() <= 0 || getHeight() <= 0;
        double w = Math.max(1, layout.width()) + 2 * FIT_MARGIN;
        double h = Math.max(1, layout.height()) + 2 * FIT_MARGIN;
        double viewW = getWidth() > 0 ? getWidth() : getPrefWidth();
        double viewH = getHeight() > 0 ? getHeight() : getPrefHeight();
        double s = clampScale(Math.min(1, Math.min(viewW / w, viewH / h)));
        setScale(s);
        pan.setX((viewW - layout.width() * s) / 2);
        pan.setY((viewH - layout.height() * s) / 2);
        refreshViewport();
    }

    /**
     * Finds the first node whose id or label contains the text (case-insensitive), highlights it, selects it and
     * centres it, zooming in to at least 80 % so it can be read.
     *
     * @return the node found, or empty (then the highlight is cleared)
     */
    public Optional<GraphNode> search(String text) {
        if (matchedId != null && nodeViews.containsKey(matchedId)) {
            nodeViews.get(matchedId).pseudoClassStateChanged(GraphStyles.MATCH, false);
        }
        matchedId = null;
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String needle = text.trim().toLowerCase(Locale.ROOT);
        Optional<GraphNode> found = graph.get().nodes().stream()
                .filter(n -> n.id().toLowerCase(Locale.ROOT).contains(needle)
                        || n.label().toLowerCase(Locale.ROOT).contains(needle))
                .findFirst();
        found.ifPresent(n -> {
            matchedId = n.id();
            if (scale.get() < 0.8) {
                setScale(0.8);
            }
            centerOn(n.id());
            select(n.id());
            if (nodeViews.containsKey(n.id())) {
                nodeViews.get(n.id()).pseudoClassStateChanged(GraphStyles.MATCH, true);
            }
        });
        return found;
    }

    /** Moves the view so the node is in the middle. */
    public void centerOn(String nodeId) {
        LayoutResult.Point p = layout.positions().get(nodeId);
        if (p == null) {
            return;
        }
        double s = scale.get();
        double cx = p.x() + NodeView.WIDTH / 2;
        double cy = p.y() + NodeView.HEIGHT / 2;
        pan.setX(viewWidth() / 2 - cx * s);
        pan.setY(viewHeight() / 2 - cy * s);
        refreshViewport();
    }

    private double viewWidth() {
        return getWidth() > 0 ? getWidth() : getPrefWidth();
    }

    private double viewHeight() {
        return getHeight() > 0 ? getHeight() : getPrefHeight();
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
        Map<String, String> lanes = new HashMap<>();
        for (GraphNode n : model.nodes()) {
            b.node(n.id(), NodeView.WIDTH, NodeView.HEIGHT);
            groups.put(n.id(), n.resource());
            lanes.put(n.id(), n.host() != null ? n.host() : "");
        }
        model.edges().forEach(e -> b.edge(e.from(), e.to()));
        LayoutGraph g = b.build();
        boolean large = model.nodes().size() > GROUPED_LAYOUT_THRESHOLD;
        if (model.view() == ViewKind.HOSTS) {
            return LayoutRequest.lanes(g, direction, lanes, large ? groups : Map.of());
        }
        return large ? LayoutRequest.grouped(g, direction, groups) : LayoutRequest.flat(g, direction);
    }

    private void draw(GraphModel model, LayoutResult result) {
        Map<String, Point2D> before = new HashMap<>();
        nodeViews.forEach((id, v) -> before.put(id, new Point2D(v.getLayoutX(), v.getLayoutY())));
        String keepSelected = selectedId;
        layout = result;
        modelNodes.clear();
        model.nodes().forEach(n -> modelNodes.put(n.id(), n));
        clearDrawing();
        matchedId = null;
        selectedId = null;
        selectedNode.set(null);
        selectedEdge.set(null);
        virtual = !result.groups().isEmpty();
        groupNodes = virtual ? groupNodes(model, result) : List.of();
        drawLanes(result);
        shown = nodeStates.compute(taskStates, groupNodes);
        if (!virtual) {
            model.nodes().forEach(this::materialize);
            redrawEdges();
        }
        if (keepSelected != null && modelNodes.containsKey(keepSelected)) {
            select(keepSelected);
        }
        layingOut.set(false);
        if (fitOnNextLayout) {
            fitOnNextLayout = false;
            fit();
        } else {
            refreshViewport();
            glide(before);
        }
        Runnable done = afterLayout;
        afterLayout = () -> {
        };
        done.run();
    }

    private void clearDrawing() {
        nodeViews.clear();
        edgeViews.clear();
        groupViews.clear();
        running.clear();
        nodes.getChildren().clear();
        edges.getChildren().clear();
        groupLayer.getChildren().clear();
    }

    /** One node per group of a grouped layout: what a large graph shows while zoomed out. */
    private static List<GraphNode> groupNodes(GraphModel model, LayoutResult result) {
        Map<String, List<GraphNode>> members = new LinkedHashMap<>();
        model.nodes().forEach(n -> members.computeIfAbsent(n.resource(), k -> new java.util.ArrayList<>()).add(n));
        List<GraphNode> out = new java.util.ArrayList<>();
        members.forEach((resource, list) -> {
            if (result.groups().containsKey(resource)) {
                List<String> tasks = list.stream().flatMap(n -> n.taskIds().stream()).toList();
                out.add(new GraphNode("group:" + resource, resource, list.size() + " tasks · zoom in for each",
                        list.get(0).kind(), resource, null, tasks));
            }
        });
        return out;
    }

    private NodeView materialize(GraphNode n) {
        NodeView v = nodeViews.get(n.id());
        if (v != null) {
            return v;
        }
        v = new NodeView(n);
        LayoutResult.Point p = layout.position(n.id());
        v.relocate(p.x(), p.y());
        nodeViews.put(n.id(), v);
        nodes.getChildren().add(v);
        showState(v);
        v.pseudoClassStateChanged(GraphStyles.SELECTED, n.id().equals(selectedId));
        v.pseudoClassStateChanged(GraphStyles.MATCH, n.id().equals(matchedId));
        return v;
    }

    private void showState(NodeView v) {
        DisplayState s = shown.getOrDefault(v.node().id(), DisplayState.PENDING);
        v.setDisplayState(s);
        if (s == DisplayState.RUNNING) {
            running.put(v.node().id(), v);
        } else {
            running.remove(v.node().id());
        }
    }

    /**
     * For a large graph: zoomed out, the group boxes; zoomed in, the nodes and edges near the window (the window
     * and half of it again around), adding and removing scene nodes as the view moves. O(n + m) per call.
     */
    private void refreshViewport() {
        viewportDirty = false;
        if (!virtual) {
            return;
        }
        if (scale.get() < DETAIL_SCALE) {
            if (!nodeViews.isEmpty() || !edgeViews.isEmpty()) {
                nodeViews.values().forEach(v -> running.remove(v.node().id()));
                nodeViews.clear();
                edgeViews.clear();
                nodes.getChildren().clear();
                edges.getChildren().clear();
            }
            if (groupViews.isEmpty()) {
                drawGroups();
            }
            boolean readable = scale.get() >= MIN_READABLE_SCALE;
            groupViews.values().forEach(v -> v.setTextVisible(readable));
            return;
        }
        if (!groupViews.isEmpty()) {
            groupViews.values().forEach(v -> running.remove(v.node().id()));
            groupViews.clear();
            groupLayer.getChildren().clear();
        }
        double s = scale.get();
        double w = viewWidth() / s;
        double h = viewHeight() / s;
        double minX = -pan.getX() / s - w * VIEWPORT_MARGIN;
        double minY = -pan.getY() / s - h * VIEWPORT_MARGIN;
        double maxX = minX + w * (1 + 2 * VIEWPORT_MARGIN);
        double maxY = minY + h * (1 + 2 * VIEWPORT_MARGIN);
        java.util.List<NodeView> gone = new java.util.ArrayList<>();
        for (GraphNode n : graph.get().nodes()) {
            LayoutResult.Point p = layout.positions().get(n.id());
            boolean near = p != null && p.x() + NodeView.WIDTH >= minX && p.x() <= maxX
                    && p.y() + NodeView.HEIGHT >= minY && p.y() <= maxY;
            if (near) {
                materialize(n);
            } else if (nodeViews.containsKey(n.id())) {
                gone.add(nodeViews.remove(n.id()));
                running.remove(n.id());
            }
        }
        nodes.getChildren().removeAll(gone);
        redrawEdges();
    }

    private void drawGroups() {
        java.util.List<Node> drawn = new java.util.ArrayList<>();
        for (GraphNode g : groupNodes) {
            LayoutResult.Box box = layout.groups().get(g.resource());
            NodeView v = new NodeView(g, box.width(), box.height());
            v.getStyleClass().add("graph-group");
            v.relocate(box.x(), box.y());
            groupViews.put(g.id(), v);
            showState(v);
            drawn.add(v);
        }
        layout.groupRoutes().forEach((e, route) -> {
            EdgeView ev = new EdgeView(new GraphEdge("group:" + e.source(), "group:" + e.target()), route,
                    orientation.get(), false, false);
            drawn.add(0, ev);
        });
        groupLayer.getChildren().setAll(drawn);
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

    /** Draws the shown edges that touch a drawn node (all of them for a graph drawn whole). */
    private void redrawEdges() {
        GraphModel model = graph.get();
        GraphEdge keep = selectedEdge.get();
        edgeViews.clear();
        if (nodeViews.isEmpty()) {
            edges.getChildren().clear();
            return;
        }
        java.util.Set<GraphEdge> reduced = new java.util.HashSet<>(model.edges());
        List<GraphEdge> wanted = showAllEdges.get() ? model.allEdges() : model.edges();
        java.util.List<Node> drawn = new java.util.ArrayList<>();
        for (GraphEdge e : wanted) {
            if (!nodeViews.containsKey(e.from()) && !nodeViews.containsKey(e.to())) {
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
        if (keep != null && edgeViews.containsKey(keep)) {
            selectEdge(keep);
        }
    }

    private List<LayoutResult.Point> straightRoute(GraphEdge e) {
        LayoutResult.Point a = layout.position(e.from());
        LayoutResult.Point b = layout.position(e.to());
        boolean ltr = orientation.get() == LayoutDirection.LEFT_TO_RIGHT;
        LayoutResult.Point start = ltr
                ? new LayoutResult.Point(a.x() + NodeView.WIDTH, a.y() + NodeView.HEIGHT / 2)
                : new LayoutResult.Point(a.x() + NodeView.WIDTH / 2, a.y() + NodeView.HEIGHT);
        LayoutResult.Point end = ltr
                ? new LayoutResult.Point(b.x(), b.y() + NodeView.HEIGHT / 2)
                : new LayoutResult.Point(b.x() + NodeView.WIDTH / 2, b.y());
        return List.of(start, end);
    }

    // ---------------------------------------------------------------- states, once per frame

    private void onFrame(long now) {
        Map<String, TaskState> changes = buffer.drain();
        if (!changes.isEmpty()) {
            taskStates.putAll(changes);
            applyStates();
        }
        if (viewportDirty) {
            refreshViewport();
        }
        if (!running.isEmpty()) {
            double phase = (now / 40_000_000L) % 16;
            running.values().forEach(v -> v.animate(phase));
        }
    }

    /** Recomputes what every node shows (O(n + m)) and touches only the drawn nodes whose state changed. */
    private void applyStates() {
        shown = nodeStates.compute(taskStates, groupNodes);
        for (NodeView v : nodeViews.values()) {
            if (shown.getOrDefault(v.node().id(), DisplayState.PENDING) != v.displayState()) {
                showState(v);
            }
        }
        for (NodeView v : groupViews.values()) {
            if (shown.getOrDefault(v.node().id(), DisplayState.PENDING) != v.displayState()) {
                showState(v);
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
        refreshViewport();
    }

    /** Converts a point of this view to graph coordinates. */
    Point2D toGraph(double x, double y) {
        return new Point2D((x - pan.getX()) / scale.get(), (y - pan.getY()) / scale.get());
    }

    Group overlay() {
        return overlay;
    }

    /** The node under a point of this view, if any. */
    Optional<NodeView> nodeAt(double x, double y) {
        Point2D p = toGraph(x, y);
        for (Map<String, NodeView> drawn : List.of(nodeViews, groupViews)) {
            for (NodeView v : drawn.values()) {
                double vx = v.getLayoutX();
                double vy = v.getLayoutY();
                if (p.getX() >= vx && p.getX() <= vx + v.width() && p.getY() >= vy && p.getY() <= vy + v.height()) {
                    return Optional.of(v);
                }
            }
        }
        return Optional.empty();
    }

    private boolean isGroup(NodeView v) {
        return groupViews.containsValue(v);
    }

    void selectEdge(GraphEdge edge) {
        GraphEdge previous = selectedEdge.get();
        if (previous != null && edgeViews.containsKey(previous)) {
            edgeViews.get(previous).pseudoClassStateChanged(GraphStyles.SELECTED, false);
        }
        if (edge != null && edgeViews.containsKey(edge)) {
            edgeViews.get(edge).pseudoClassStateChanged(GraphStyles.SELECTED, true);
            if (selectedId != null) {
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
            if (hit.isPresent() && editGestures != null && !isGroup(hit.get())) {
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
                if (hit.isPresent() && isGroup(hit.get())) {
                    if (e.getClickCount() == 2) {
                        zoomIntoGroup(hit.get());
                    }
                } else if (hit.isPresent()) {
                    select(hit.get().node().id());
                    if (e.getClickCount() == 2) {
                        onOpen.accept(hit.get().node());
                    }
                } else if (!(e.getTarget() instanceof Node n && isInside(n, edges))) {
                    select(null);
                }
            }
        });
        // a right click is handled as a click (headless Monocle sends no ContextMenuEvent for the mouse, and so
        // the menu shows the same way everywhere); the menu key still works through ContextMenuEvent
        addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.SECONDARY && e.isStillSincePress()) {
                showMenu(e.getX(), e.getY(), e.getScreenX(), e.getScreenY(), e.getTarget());
                e.consume();
            }
        });
        setOnContextMenuRequested(e -> {
            if (e.isKeyboardTrigger() && selectedId != null && nodeViews.containsKey(selectedId)) {
                NodeView v = nodeViews.get(selectedId);
                Point2D at = v.localToScreen(NodeView.WIDTH / 2, NodeView.HEIGHT / 2);
                ContextMenu menu = contextMenuFactory.apply(v.node());
                if (menu != null && at != null) {
                    menu.show(this, at.getX(), at.getY());
                }
            }
            e.consume();
        });
    }

    private void showMenu(double x, double y, double screenX, double screenY, Object target) {
        Optional<NodeView> hit = nodeAt(x, y);
        ContextMenu menu = null;
        if (hit.isPresent() && !isGroup(hit.get())) {
            select(hit.get().node().id());
            menu = contextMenuFactory.apply(hit.get().node());
        } else if (selectedEdge.get() != null && target instanceof Node n && isInside(n, edges)) {
            menu = edgeMenu(selectedEdge.get());
        }
        if (menu != null) {
            menu.show(this, screenX, screenY);
        }
    }

    /** Zooms to reading size, centred on a collapsed group (double click on it). */
    private void zoomIntoGroup(NodeView group) {
        setScale(Math.max(DETAIL_SCALE * 2, scale.get()));
        double cx = group.getLayoutX() + group.width() / 2;
        double cy = group.getLayoutY() + Math.min(group.height(), viewHeight() / scale.get()) / 2;
        pan.setX(viewWidth() / 2 - cx * scale.get());
        pan.setY(viewHeight() / 2 - cy * scale.get());
        refreshViewport();
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
        if (fitWhenSized && getWidth() > 0 && getHeight() > 0) {
            fit();
        }
        message.autosize();
        message.relocate(Math.max(8, (getWidth() - message.getWidth()) / 2), 12);
    }
}
