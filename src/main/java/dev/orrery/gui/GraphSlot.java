package dev.orrery.gui;

import dev.orrery.gui.graph.Breadcrumbs;
import dev.orrery.gui.graph.GraphModel;
import dev.orrery.gui.graph.GraphModels;
import dev.orrery.gui.graph.GraphNode;
import dev.orrery.gui.graph.GraphView;
import dev.orrery.gui.graph.Legend;
import dev.orrery.gui.graph.Navigation;
import dev.orrery.gui.graph.ViewKind;
import dev.orrery.gui.history.PastRun;
import dev.orrery.gui.layout.LayoutDirection;
import dev.orrery.gui.workflow.TaskMenu;
import dev.orrery.model.Plan;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;
import dev.orrery.model.Workspace;
import javafx.beans.Observable;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Embeds guigraph's graph canvas in the window: the three views (resources, tasks, hosts) of the plan on screen
 * (or the workspace's resources before any plan), breadcrumbs and Back, the legend, search, zoom and fit,
 * live task states, the task menu on right-click, and a second canvas for a run opened in History.
 */
final class GraphSlot {
    static final String VIEW_RESOURCES = "view-resources";
    static final String VIEW_TASKS = "view-tasks";
    static final String VIEW_HOSTS = "view-hosts";
    static final String SEARCH_ID = "graph-search";

    private final MainViewModel model;
    private final GraphView view = new GraphView();
    private final GraphView historyView = new GraphView();
    private final Navigation navigation = new Navigation();
    private final ToggleGroup views = new ToggleGroup();
    private final ToggleButton resources = toggle("Resources", VIEW_RESOURCES, "One node per resource, component or job");
    private final ToggleButton tasks = toggle("Tasks", VIEW_TASKS, "One node per task (resource.action@host)");
    private final ToggleButton hosts = toggle("Hosts", VIEW_HOSTS, "Tasks grouped in one lane per host");
    private final TextField search = new TextField();
    private final VBox node;

    GraphSlot(MainViewModel model, TaskMenu menu) {
        this.model = model;
        view.setId("graph-view");
        historyView.setId("history-graph-view");
        search.setId(SEARCH_ID);
        search.setPromptText("Search task or resource");
        search.getStyleClass().add(Styles.FILTER_BOX);
        search.setTooltip(new Tooltip(Shortcuts.tip("Find a node by name: highlights and centres it", Shortcuts.SEARCH)));
        search.setOnAction(e -> view.search(search.getText()));
        search.textProperty().addListener((o, a, text) -> view.search(text));

        ToggleButton allEdges = new ToggleButton("All edges");
        allEdges.setId("graph-all-edges");
        allEdges.setTooltip(new Tooltip("Show every declared edge instead of the transitively reduced ones"));
        view.showAllEdgesProperty().bindBidirectional(allEdges.selectedProperty());
        ToggleButton leftToRight = new ToggleButton("Left → right");
        leftToRight.setId("graph-direction");
        leftToRight.setTooltip(new Tooltip("Lay the graph out left to right instead of top to bottom"));
        leftToRight.selectedProperty().addListener((o, a, on) ->
                view.setOrientation(on ? LayoutDirection.LEFT_TO_RIGHT : LayoutDirection.TOP_TO_BOTTOM));
        leftToRight.setSelected(true);

        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(6, new Breadcrumbs(navigation), grow, resources, tasks, hosts, allEdges, leftToRight, search);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add(Styles.PANE_HEADER);
        VBox.setVgrow(view, Priority.ALWAYS);
        node = new VBox(bar, view, new Legend());

        navigation.currentProperty().addListener((o, a, current) -> {
            if (current != null) {
                view.setGraph(current);
            }
        });
        views.selectedToggleProperty().addListener((o, a, now) -> {
            if (now == null && a != null) {
                a.setSelected(true);
            } else if (now != null) {
                rebuild();
            }
        });
        view.setOnOpen(this::open);
        view.setContextMenuFactory(n -> contextMenu(menu, n));
        view.selectedNodeProperty().addListener((o, a, n) -> select(n));
        historyView.setContextMenuFactory(n -> null);
        historyView.selectedNodeProperty().addListener((o, a, n) -> {
            if (n != null && n.isTask()) {
                model.history().showOutput(n.id());
            }
        });
        model.workspace().workspaceProperty().addListener((Observable o) -> rebuild());
        model.run().planProperty().addListener((o, old, plan) -> {
            view.clearStates();
            if (plan != null && old == null) {
                tasks.setSelected(true);
            }
            rebuild();
        });
        model.run().statuses().addListener((Observable o) -> pushStates());
        model.history().openedProperty().addListener((o, a, past) -> showPast(past));
        resources.setSelected(true);
    }

    private ToggleButton toggle(String text, String id, String tip) {
        ToggleButton b = new ToggleButton(text);
        b.setId(id);
        b.setToggleGroup(views);
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    Node node() {
        return node;
    }

    Node historyNode() {
        return historyView;
    }

    /** Zoom, fit and the search shortcut, next to the window's toolbar. */
    List<Node> toolbarItems() {
        Button in = new Button("+");
        in.setId("graph-zoom-in");
        in.setTooltip(new Tooltip(Shortcuts.tip("Zoom in", Shortcuts.ZOOM_IN)));
        in.setOnAction(e -> view.zoomIn());
        Button out = new Button("−");
        out.setId("graph-zoom-out");
        out.setTooltip(new Tooltip(Shortcuts.tip("Zoom out", Shortcuts.ZOOM_OUT)));
        out.setOnAction(e -> view.zoomOut());
        Button fit = new Button("Fit");
        fit.setId("graph-fit");
        fit.setTooltip(new Tooltip(Shortcuts.tip("Fit the graph to the window", Shortcuts.FIT)));
        fit.setOnAction(e -> view.fit());
        return List.of(in, out, fit);
    }

    void installShortcuts(Scene scene, Runnable showGraph) {
        scene.getAccelerators().put(Shortcuts.ZOOM_IN, view::zoomIn);
        scene.getAccelerators().put(Shortcuts.ZOOM_IN_PLUS, view::zoomIn);
        scene.getAccelerators().put(Shortcuts.ZOOM_OUT, view::zoomOut);
        scene.getAccelerators().put(Shortcuts.ZOOM_OUT_MINUS, view::zoomOut);
        scene.getAccelerators().put(Shortcuts.FIT, view::fit);
        scene.getAccelerators().put(Shortcuts.SEARCH, () -> {
            showGraph.run();
            search.requestFocus();
            search.selectAll();
        });
    }

    /** The current view's root model for the plan on screen, or the workspace's resources before any plan. */
    private void rebuild() {
        Workspace ws = model.workspace().workspaceProperty().get();
        Plan plan = model.run().planProperty().get();
        tasks.setDisable(plan == null);
        hosts.setDisable(plan == null);
        GraphModel root;
        if (plan == null) {
            if (ws == null) {
                return;
            }
            resources.setSelected(true);
            root = GraphModels.resources(ws);
        } else if (views.getSelectedToggle() == tasks) {
            root = GraphModels.tasks(plan, ws);
        } else if (views.getSelectedToggle() == hosts) {
            root = GraphModels.hosts(plan, ws);
        } else {
            root = GraphModels.resources(plan, ws);
        }
        navigation.reset(root);
        pushStates();
    }

    /** Double-click on a resource: open its tasks (needs a plan). */
    private void open(GraphNode n) {
        Plan plan = model.run().planProperty().get();
        if (plan != null && !n.isTask()) {
            navigation.open(GraphModels.tasksOf(plan, n.resource(), model.workspace().workspaceProperty().get()));
        }
    }

    private void select(GraphNode n) {
        if (n == null) {
            return;
        }
        model.selectionProperty().set(n.isTask() ? new Selection.Task(n.id()) : new Selection.Resource(n.resource()));
    }

    private ContextMenu contextMenu(TaskMenu menu, GraphNode n) {
        if (!n.isTask() || model.run().planProperty().get() == null) {
            return null;
        }
        return new ContextMenu(menu.items(n.id()).toArray(javafx.scene.control.MenuItem[]::new));
    }

    private void pushStates() {
        view.updateStates(states(model.run().statuses()));
    }

    private void showPast(PastRun past) {
        historyView.clearStates();
        if (past == null) {
            return;
        }
        historyView.setGraph(GraphModels.tasks(past.plan(), model.workspace().workspaceProperty().get()));
        historyView.updateStates(states(past.statuses()));
    }

    private static Map<String, TaskState> states(Map<String, TaskStatus> statuses) {
        Map<String, TaskState> states = new HashMap<>();
        statuses.forEach((id, st) -> states.put(id, st.state()));
        return states;
    }
}
