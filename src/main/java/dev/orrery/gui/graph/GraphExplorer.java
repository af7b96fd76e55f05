package dev.orrery.gui.graph;

import dev.orrery.graph.CycleException;
import dev.orrery.gui.layout.LayoutDirection;
import dev.orrery.model.Plan;
import dev.orrery.model.TaskState;
import dev.orrery.model.Workspace;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The graph area of the main window, ready to embed: a tool bar (view switch Resources / Tasks / Hosts, search,
 * zoom, fit, orientation, all edges), {@link Breadcrumbs} with Back, the {@link GraphView} and a {@link Legend}.
 * Double-clicking a resource opens its tasks as a new crumb; double-clicking a task calls {@link #setOnOpenTask}.
 *
 * <p>Feed it with {@link #show(Workspace, Plan)} (plan may be null before anything is processed: then the
 * resource view of the workspace is shown) and call it again after a reload: the trail is kept and nodes glide to
 * their new places. Task states go to {@link #updateStates} from any thread. Editing is turned on with
 * {@link #enableEditing}. FX thread for everything else.
 *
 * <p>Control ids (for shortcuts and tests): {@code view-resources}, {@code view-tasks}, {@code view-hosts},
 * {@code graph-search}, {@code zoom-in}, {@code zoom-out}, {@code zoom-fit}, {@code orientation},
 * {@code all-edges}, {@code graph-back}, {@code crumb-N}.
 */
public final class GraphExplorer extends BorderPane {
    private final GraphView view;
    private final Navigation navigation = new Navigation();
    private final ObjectProperty<ViewKind> viewKind = new SimpleObjectProperty<>(this, "viewKind", ViewKind.RESOURCES);
    private final TextField search = new TextField();
    private Workspace workspace;
    private Plan plan;
    private EditSession editSession;
    private Consumer<GraphNode> onOpenTask = n -> {
    };

    public GraphExplorer() {
        this(new GraphView());
    }

    public GraphExplorer(GraphView view) {
        this.view = Objects.requireNonNull(view, "view");
        getStyleClass().add("graph-explorer");
        Breadcrumbs crumbs = new Breadcrumbs(navigation);
        HBox bar = new HBox(6, crumbs, spacer(), viewSwitch(), search, button("zoom-out", "−", "Zoom out (-)",
                view::zoomOut), button("zoom-in", "+", "Zoom in (+)", view::zoomIn),
                button("zoom-fit", "Fit", "Fit to window (0)", view::fit), orientationToggle(), allEdgesToggle());
        bar.getStyleClass().add("graph-toolbar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        search.setId("graph-search");
        search.setPromptText("Find task or resource");
        search.setPrefColumnCount(14);
        search.setOnAction(e -> {
            if (view.search(search.getText()).isEmpty()) {
                view.showMessage("Nothing matches \"" + search.getText() + "\"");
            }
        });
        Legend legend = new Legend();
        legend.setPadding(new Insets(6, 10, 6, 10));
        setTop(bar);
        setCenter(view);
        setBottom(legend);
        navigation.currentProperty().addListener((o, a, b) -> {
            view.setGraph(b);
            if (editSession != null) {
                editSession.setModel(b);
            }
        });
        viewKind.addListener((o, a, b) -> rebuild(false));
        view.setOnOpen(this::open);
    }

    private static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    private HBox viewSwitch() {
        ToggleGroup group = new ToggleGroup();
        HBox box = new HBox();
        box.getStyleClass().add("segmented");
        for (ViewKind k : ViewKind.values()) {
            String name = k.name().charAt(0) + k.name().substring(1).toLowerCase(java.util.Locale.ROOT);
            ToggleButton b = new ToggleButton(name);
            b.setId("view-" + k.name().toLowerCase(java.util.Locale.ROOT));
            b.setToggleGroup(group);
            b.setSelected(k == viewKind.get());
            b.setOnAction(e -> {
                b.setSelected(true);
                viewKind.set(k);
            });
            viewKind.addListener((o, x, y) -> b.setSelected(y == k));
            box.getChildren().add(b);
        }
        return box;
    }

    private static Button button(String id, String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private ToggleButton orientationToggle() {
        ToggleButton b = new ToggleButton("↓");
        b.setId("orientation");
        b.setTooltip(new Tooltip("Top to bottom instead of left to right"));
        b.selectedProperty().addListener((o, x, y) ->
                view.setOrientation(y ? LayoutDirection.TOP_TO_BOTTOM : LayoutDirection.LEFT_TO_RIGHT));
        return b;
    }

    private ToggleButton allEdgesToggle() {
        ToggleButton b = new ToggleButton("All edges");
        b.setId("all-edges");
        b.setTooltip(new Tooltip("Show every declared edge, not only the transitively reduced ones"));
        view.showAllEdgesProperty().bind(b.selectedProperty());
        return b;
    }

    /**
     * Shows a workspace and its plan (either may be null; with no plan the resource view of the workspace is shown
     * whatever the view switch says). Keeps the breadcrumb trail when the same resources are still there.
     */
    public void show(Workspace workspace, Plan plan) {
        boolean otherPlan = this.plan != null && (plan == null || !this.plan.uid().equals(plan.uid()));
        this.workspace = workspace;
        this.plan = plan;
        if (editSession != null) {
            editSession.setWorkspace(workspace);
        }
        if (otherPlan) {
            view.clearStates();
        }
        rebuild(true);
    }

    /** Rebuilds the root of the current view kind and, when asked, the drilled-down crumbs below it. */
    private void rebuild(boolean keepTrail) {
        List<String> drilled = new ArrayList<>();
        if (keepTrail) {
            for (int i = 1; i < navigation.crumbs().size(); i++) {
                drilled.add(navigation.crumbs().get(i).title());
            }
        }
        GraphModel root = root();
        List<GraphModel> trail = new ArrayList<>(List.of(root));
        if (plan != null) {
            for (String resource : drilled) {
                if (plan.tasks().stream().anyMatch(t -> t.resource().equals(resource))) {
                    trail.add(GraphModels.tasksOf(plan, resource, workspace));
                }
            }
        }
        boolean sameShape = navigation.crumbs().size() == trail.size();
        for (int i = 0; sameShape && i < trail.size() - 1; i++) {
            sameShape = navigation.crumbs().get(i).title().equals(trail.get(i).title());
        }
        if (sameShape && trail.size() == 1) {
            navigation.replaceCurrent(trail.get(0));
        } else {
            navigation.reset(trail.get(0));
            trail.subList(1, trail.size()).forEach(navigation::open);
        }
    }

    private GraphModel root() {
        if (plan == null) {
            if (workspace == null) {
                return GraphModel.EMPTY;
            }
            try {
                return GraphModels.resources(workspace);
            } catch (CycleException e) {
                view.showMessage("The workspace's dependencies go round: " + e.getMessage());
                return GraphModel.EMPTY;
            }
        }
        return switch (viewKind.get()) {
            case RESOURCES -> GraphModels.resources(plan, workspace);
            case TASKS -> GraphModels.tasks(plan, workspace);
            case HOSTS -> GraphModels.hosts(plan, workspace);
        };
    }

    private void open(GraphNode node) {
        if (node.isTask()) {
            onOpenTask.accept(node);
        } else if (plan != null && !node.taskIds().isEmpty()) {
            navigation.open(GraphModels.tasksOf(plan, node.resource(), workspace));
        } else {
            view.showMessage(node.resource() + " has no tasks in this plan");
        }
    }

    /** Called with a task node on double click (e.g. to show its output). */
    public void setOnOpenTask(Consumer<GraphNode> onOpenTask) {
        this.onOpenTask = Objects.requireNonNull(onOpenTask, "onOpenTask");
    }

    /**
     * Turns on editing by drag. {@code afterChange} runs after every edit, undo and redo: reload the workspace
     * (and re-process the plan if one is shown) and call {@link #show} with the result.
     *
     * @return the session (undo/redo, canUndo/canRedo for menu items)
     */
    public EditSession enableEditing(WaitForFiles files, Runnable afterChange) {
        editSession = new EditSession(files, afterChange);
        editSession.setWorkspace(workspace);
        editSession.setModel(navigation.current());
        view.setEditSession(editSession);
        return editSession;
    }

    public void updateStates(Map<String, TaskState> states) {
        view.updateStates(states);
    }

    public void updateState(String taskId, TaskState state) {
        view.updateState(taskId, state);
    }

    public GraphView graphView() {
        return view;
    }

    public Navigation navigation() {
        return navigation;
    }

    public ObjectProperty<ViewKind> viewKindProperty() {
        return viewKind;
    }

    /** Focuses the search box (for a Ctrl+F shortcut). */
    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }
}
