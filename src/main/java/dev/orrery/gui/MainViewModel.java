package dev.orrery.gui;

import dev.orrery.gui.history.HistoryViewModel;
import dev.orrery.gui.workflow.RunViewModel;
import dev.orrery.gui.workflow.StageViewModel;
import dev.orrery.gui.workspace.Details;
import dev.orrery.gui.workspace.DetailsBuilder;
import dev.orrery.gui.workspace.OrreryBackend;
import dev.orrery.gui.workspace.WorkspaceViewModel;
import dev.orrery.model.Plan;
import dev.orrery.model.Task;
import dev.orrery.model.Workspace;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.function.Function;

/**
 * The window's state: the open workspace, the stage panel, the plan and its run, history, and the details of
 * the selection. Wires the parts together (a new backend reaches every part; a reload refreshes the stage
 * preview); holds no JavaFX node, so it is tested with plain JUnit and a same-thread {@link UiExecutor}.
 */
public final class MainViewModel {
    private final WorkspaceViewModel workspace;
    private final StageViewModel stage;
    private final RunViewModel run;
    private final HistoryViewModel history;
    private final ObjectProperty<Selection> selection = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Details> details = new ReadOnlyObjectWrapper<>(Details.NOTHING);

    public MainViewModel(UiExecutor executor, Function<Path, OrreryBackend> backends, Clock clock) {
        workspace = new WorkspaceViewModel(executor, backends);
        stage = new StageViewModel(executor, workspace::environmentOrNull);
        run = new RunViewModel(executor, clock);
        history = new HistoryViewModel(executor);
        workspace.backendProperty().addListener((obs, old, now) -> {
            stage.setBackend(now);
            run.setBackend(now);
            history.setBackend(now);
            selection.set(null);
        });
        workspace.workspaceProperty().addListener((obs, old, now) -> {
            if (old != null) {
                stage.refresh();
            }
        });
        workspace.environmentProperty().addListener((obs, old, now) -> stage.refresh());
        run.progressProperty().addListener((obs, was, now) -> {
            if (was.active() && !now.active() && !run.runningHereProperty().get()) {
                history.refresh();
                stage.refresh();
            }
        });
        run.runningHereProperty().addListener((obs, was, now) -> {
            if (!now) {
                history.refresh();
                stage.refresh();
            }
        });
        history.rollbackPlanProperty().addListener((obs, old, plan) -> {
            if (plan != null) {
                run.show(plan.uid());
                stage.refresh();
            }
        });
        selection.addListener((Observable o) -> updateDetails());
        run.statuses().addListener((Observable o) -> {
            if (selection.get() instanceof Selection.Task) {
                updateDetails();
            }
        });
        run.planProperty().addListener((Observable o) -> updateDetails());
        workspace.workspaceProperty().addListener((Observable o) -> updateDetails());
    }

    /** Stages nothing, runs nothing: turns what is staged into a plan for the chosen environment and limit. */
    public void process() {
        run.process(Set.of(), workspace.environmentOrNull(), workspace.limitOrAll());
    }

    private void updateDetails() {
        Selection sel = selection.get();
        Workspace ws = workspace.workspaceProperty().get();
        Plan plan = run.planProperty().get();
        Details next = Details.NOTHING;
        if (sel instanceof Selection.Task t && plan != null) {
            Task task = plan.tasksById().get(t.taskId());
            if (task != null) {
                run.selectedTaskProperty().set(task.id());
                next = DetailsBuilder.task(ws, plan, task, run.statuses().get(task.id()), run.changes());
            }
        } else if (ws != null && sel instanceof Selection.Resource r) {
            next = ws.resource(r.name()).map(res -> DetailsBuilder.resource(ws, res, workspace.environmentOrNull()))
                    .orElse(Details.NOTHING);
        } else if (ws != null && sel instanceof Selection.Host h) {
            next = ws.host(h.name()).map(host -> DetailsBuilder.host(ws, host)).orElse(Details.NOTHING);
        } else if (sel instanceof Selection.StagedChange c) {
            next = DetailsBuilder.change(c.change());
        } else if (sel instanceof Selection.File f) {
            next = DetailsBuilder.file(f.path(), ws == null ? null : ws.files().get(f.path()),
                    workspace.problemsOf(f.path()).size());
        }
        details.set(next);
    }

    public WorkspaceViewModel workspace() {
        return workspace;
    }

    public StageViewModel stage() {
        return stage;
    }

    public RunViewModel run() {
        return run;
    }

    public HistoryViewModel history() {
        return history;
    }

    /** Writable: the tree, the graph and the tables set it. */
    public ObjectProperty<Selection> selectionProperty() {
        return selection;
    }

    public ReadOnlyObjectProperty<Details> detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public void close() {
        run.close();
        workspace.close();
    }
}
