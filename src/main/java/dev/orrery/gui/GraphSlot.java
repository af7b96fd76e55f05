package dev.orrery.gui;

import dev.orrery.gui.graph.EditSession;
import dev.orrery.gui.graph.GraphExplorer;
import dev.orrery.gui.graph.GraphModels;
import dev.orrery.gui.graph.GraphNode;
import dev.orrery.gui.graph.GraphView;
import dev.orrery.gui.history.PastRun;
import dev.orrery.gui.workflow.TaskMenu;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;
import javafx.beans.Observable;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Embeds guigraph's {@link GraphExplorer} in the window and wires it to the view models: the workspace and the
 * plan on screen, live task states, selection into the details pane, the task menu on right-click, output on
 * double-click, and a second canvas for a run opened in History.
 */
final class GraphSlot {
    private final MainViewModel model;
    private final GraphExplorer explorer = new GraphExplorer();
    private final GraphView historyView = new GraphView();
    private final FollowingWaitForFiles files = new FollowingWaitForFiles();
    private EditSession editing;

    GraphSlot(MainViewModel model, TaskMenu menu, Consumer<String> showOutput) {
        this.model = model;
        GraphView view = explorer.graphView();
        view.setId("graph-view");
        historyView.setId("history-graph-view");
        view.setContextMenuFactory(n -> contextMenu(menu, n));
        view.selectedNodeProperty().addListener((o, a, n) -> select(n));
        explorer.setOnOpenTask(n -> showOutput.accept(n.id()));
        historyView.setContextMenuFactory(n -> null);
        historyView.selectedNodeProperty().addListener((o, a, n) -> {
            if (n != null && n.isTask()) {
                model.history().showOutput(n.id());
            }
        });
        model.workspace().loadResultProperty().addListener((o, a, result) -> {
            if (result != null && result.ok()) {
                files.loaded(result);
                if (editing == null) {
                    // Each edit writes one file; the reload (also seen by the file watcher) redraws the graph.
                    editing = explorer.enableEditing(files, model.workspace()::reload);
                }
            }
        });
        model.workspace().workspaceProperty().addListener((Observable o) -> show());
        model.run().planProperty().addListener((Observable o) -> show());
        model.run().statuses().addListener((Observable o) -> explorer.updateStates(states(model.run().statuses())));
        model.history().openedProperty().addListener((o, a, past) -> showPast(past));
    }

    Node node() {
        return explorer;
    }

    Node historyNode() {
        return historyView;
    }

    /** Ctrl+F, Ctrl +/-, Ctrl+0 reach the graph wherever the focus is. */
    void installShortcuts(Scene scene, Runnable showGraph) {
        GraphView view = explorer.graphView();
        scene.getAccelerators().put(Shortcuts.ZOOM_IN, view::zoomIn);
        scene.getAccelerators().put(Shortcuts.ZOOM_IN_PLUS, view::zoomIn);
        scene.getAccelerators().put(Shortcuts.ZOOM_OUT, view::zoomOut);
        scene.getAccelerators().put(Shortcuts.ZOOM_OUT_MINUS, view::zoomOut);
        scene.getAccelerators().put(Shortcuts.FIT, view::fit);
        scene.getAccelerators().put(Shortcuts.UNDO, () -> {
            if (editing != null) {
                view.showMessage(editing.undo().message());
            }
        });
        scene.getAccelerators().put(Shortcuts.REDO, () -> {
            if (editing != null) {
                view.showMessage(editing.redo().message());
            }
        });
        scene.getAccelerators().put(Shortcuts.SEARCH, () -> {
            showGraph.run();
            explorer.focusSearch();
        });
    }

    private void show() {
        explorer.show(model.workspace().workspaceProperty().get(), model.run().planProperty().get());
        explorer.updateStates(states(model.run().statuses()));
    }

    private void select(GraphNode n) {
        if (n != null) {
            model.selectionProperty().set(n.isTask() ? new Selection.Task(n.id()) : new Selection.Resource(n.resource()));
        }
    }

    private ContextMenu contextMenu(TaskMenu menu, GraphNode n) {
        if (!n.isTask() || model.run().planProperty().get() == null) {
            return null;
        }
        return new ContextMenu(menu.items(n.id()).toArray(MenuItem[]::new));
    }

    private void showPast(PastRun past) {
        historyView.clearStates();
        if (past != null) {
            historyView.setGraph(GraphModels.tasks(past.plan(), model.workspace().workspaceProperty().get()));
            historyView.updateStates(states(past.statuses()));
        }
    }

    private static Map<String, TaskState> states(Map<String, TaskStatus> statuses) {
        Map<String, TaskState> states = new HashMap<>();
        statuses.forEach((id, st) -> states.put(id, st.state()));
        return states;
    }
}
