package dev.orrery.gui.history;

import dev.orrery.gui.UiExecutor;
import dev.orrery.gui.workflow.RunViewModel;
import dev.orrery.gui.workspace.OrreryBackend;
import dev.orrery.model.Plan;
import dev.orrery.model.Release;
import dev.orrery.model.RunSummary;
import dev.orrery.model.TaskStatus;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The history tab: runs and releases from the store, one opened run (graph coloured by outcome, each task's
 * output, timeline with the critical path), and "roll back to this release", which stages and processes the
 * rollback plan and hands it to whoever shows plans. Properties change on the UI thread only.
 */
public final class HistoryViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryViewModel.class);
    private static final int RUNS_SHOWN = 200;

    private final UiExecutor executor;
    private final Clock clock;
    private OrreryBackend backend;
    private final ObservableList<RunSummary> runs = FXCollections.observableArrayList();
    /** One read-only view, kept: a fresh wrapper per call would drop listeners once collected. */
    private final ObservableList<RunSummary> runsView = FXCollections.unmodifiableObservableList(runs);
    private final ObservableList<Release> releases = FXCollections.observableArrayList();
    /** One read-only view, kept: a fresh wrapper per call would drop listeners once collected. */
    private final ObservableList<Release> releasesView = FXCollections.unmodifiableObservableList(releases);
    private final ReadOnlyObjectWrapper<PastRun> opened = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Plan> rollbackPlan = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper taskOutput = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    public HistoryViewModel(UiExecutor executor) {
        this(executor, Clock.systemUTC());
    }

    public HistoryViewModel(UiExecutor executor, Clock clock) {
        this.executor = Objects.requireNonNull(executor);
        this.clock = Objects.requireNonNull(clock);
    }

    public void setBackend(OrreryBackend newBackend) {
        backend = newBackend;
        runs.clear();
        releases.clear();
        opened.set(null);
        taskOutput.set("");
        if (newBackend != null) {
            refresh();
        }
    }

    /** Reads the runs and releases again. */
    public void refresh() {
        OrreryBackend b = backend;
        if (b == null) {
            return;
        }
        executor.submit(() -> new Lists(b.runs(RUNS_SHOWN), b.releases(null)), lists -> {
            runs.setAll(lists.runs());
            releases.setAll(lists.releases());
        }, this::failed);
    }

    /** Opens a past run: its plan, the states it left, its timeline and critical path. */
    public void open(RunSummary run) {
        OrreryBackend b = backend;
        if (b == null || run == null) {
            return;
        }
        executor.submit(() -> {
            Plan plan = b.plan(run.planUid()).orElseThrow(() -> new IllegalStateException("plan " + run.planUid() + " is gone"));
            Map<String, TaskStatus> statuses = b.statuses(plan.uid());
            Instant now = clock.instant();
            List<String> critical = b.criticalPath(plan, GanttModel.durations(statuses, now));
            return new PastRun(run, plan, statuses, GanttModel.of(plan, statuses, critical, now));
        }, past -> {
            opened.set(past);
            taskOutput.set("");
        }, this::failed);
    }

    /** Loads one task's output of the opened run: only the lines that run recorded, not those of other runs. */
    public void showOutput(String taskId) {
        OrreryBackend b = backend;
        PastRun past = opened.get();
        if (b == null || past == null || taskId == null) {
            return;
        }
        long runId = past.run().id();
        executor.submit(() -> b.output(past.plan().uid(), taskId).stream().filter(c -> c.runId() == runId).toList(),
                chunks -> taskOutput.set(chunks.isEmpty() ? "(no output recorded for " + taskId + " in run " + runId + ")"
                        : RunViewModel.formatOutput(chunks)),
                this::failed);
    }

    /** Stages and processes the way back to {@code release}; the plan appears in {@link #rollbackPlanProperty()}. */
    public void rollback(Release release, String environment) {
        OrreryBackend b = backend;
        if (b == null || release == null) {
            return;
        }
        String env = environment != null ? environment : emptyToNull(release.environment());
        message.set("Planning the rollback to release " + release.id() + " …");
        executor.submit(() -> b.rollback(release.id(), env), plan -> {
            rollbackPlan.set(plan);
            message.set("Rollback to release " + release.id() + " planned: " + plan.tasks().size()
                    + " tasks. Review the plan, then press Run.");
        }, this::failed);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private void failed(Throwable error) {
        LOG.warn("history action failed", error);
        message.set(error.getMessage() == null ? error.toString() : error.getMessage());
    }

    /** Newest first. */
    public ObservableList<RunSummary> runs() {
        return runsView;
    }

    /** Newest first, every environment. */
    public ObservableList<Release> releases() {
        return releasesView;
    }

    public ReadOnlyObjectProperty<PastRun> openedProperty() {
        return opened.getReadOnlyProperty();
    }

    /** The last rollback plan made here (the main window shows it as the plan to run). */
    public ReadOnlyObjectProperty<Plan> rollbackPlanProperty() {
        return rollbackPlan.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty taskOutputProperty() {
        return taskOutput.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    private record Lists(List<RunSummary> runs, List<Release> releases) {
    }
}
