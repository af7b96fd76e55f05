package dev.orrery.gui.workflow;

import dev.orrery.gui.UiExecutor;
import dev.orrery.gui.workspace.DetailsBuilder;
import dev.orrery.gui.workspace.OrreryBackend;
import dev.orrery.gui.workspace.OrreryBackend.ControlVerb;
import dev.orrery.model.Change;
import dev.orrery.model.OutputChunk;
import dev.orrery.model.Plan;
import dev.orrery.model.Secrets;
import dev.orrery.model.Step;
import dev.orrery.model.Task;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;
import dev.orrery.model.Transition;
import dev.orrery.run.RunListener;
import dev.orrery.stage.StalePlan;
import dev.orrery.stage.StalePlanException;
import dev.orrery.stage.StalePlans;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The plan on screen and its run: process, run, control verbs on the whole plan or one task, live task
 * states, progress, and the selected task's output.
 *
 * <p>Live states come from {@link OrreryBackend#follow} (the store is the truth), so a run started by this
 * window, by the command line or by another window looks the same. Bursts of transitions are coalesced: at
 * most one refresh of the states is in flight, and it reads every change that happened meanwhile, so 1,000
 * transitions per second become a handful of UI updates. Properties change on the UI thread only.
 */
public final class RunViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(RunViewModel.class);

    private final UiExecutor executor;
    private final Clock clock;
    private OrreryBackend backend;
    private AutoCloseable following;

    private final ReadOnlyObjectWrapper<Plan> plan = new ReadOnlyObjectWrapper<>();
    private final ObservableMap<String, TaskStatus> statuses = FXCollections.observableHashMap();
    /** One read-only view, kept: a fresh wrapper per call would drop listeners once collected. */
    private final ObservableMap<String, TaskStatus> statusesView = FXCollections.unmodifiableObservableMap(statuses);
    private final ObservableList<Change> changes = FXCollections.observableArrayList();
    /** One read-only view, kept: a fresh wrapper per call would drop listeners once collected. */
    private final ObservableList<Change> changesView = FXCollections.unmodifiableObservableList(changes);
    private final ReadOnlyObjectWrapper<RunProgress> progress = new ReadOnlyObjectWrapper<>(RunProgress.NONE);
    private final ReadOnlyStringWrapper elapsed = new ReadOnlyStringWrapper("—");
    private final ReadOnlyBooleanWrapper runningHere = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final StringProperty selectedTask = new SimpleStringProperty();
    private final ReadOnlyStringWrapper output = new ReadOnlyStringWrapper("");
    /** The banner: unfinished tasks whose files changed since the plan was made, one per line ("" when none). */
    private final ReadOnlyStringWrapper drift = new ReadOnlyStringWrapper("");
    /** Why the plan on screen is stale as a whole (banner, Restart); "" when it is not. */
    private final ReadOnlyStringWrapper stale = new ReadOnlyStringWrapper("");
    /** Why its unfinished part may not run (Run, Resume, Retry); "" when it may. */
    private final ReadOnlyStringWrapper runRefused = new ReadOnlyStringWrapper("");

    private final AtomicBoolean statesDirty = new AtomicBoolean();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final AtomicBoolean outputDirty = new AtomicBoolean();
    private volatile String followedUid;
    /** {@link #lastRunMark} when the staleness of the plan on screen was last checked from the timer. */
    private String seenRunMark = "";

    public RunViewModel(UiExecutor executor, Clock clock) {
        this.executor = Objects.requireNonNull(executor);
        this.clock = Objects.requireNonNull(clock);
        selectedTask.addListener((obs, old, now) -> loadOutput());
    }

    /** A new workspace: forget the plan on screen and follow the workspace's newest plan, if any. */
    public void setBackend(OrreryBackend newBackend) {
        stopFollowing();
        backend = newBackend;
        clearPlan();
        if (newBackend != null) {
            executor.submit(newBackend::lastPlanUid, uid -> uid.ifPresent(this::show), this::failed);
        }
    }

    /** Shows a stored plan and follows it live. */
    public void show(String planUid) {
        OrreryBackend b = requireBackend();
        executor.submit(() -> new Loaded(b.plan(planUid).orElseThrow(
                () -> new IllegalStateException("no plan " + planUid)), b.statuses(planUid), b.changesOf(planUid)),
                loaded -> {
                    applyPlan(loaded);
                    follow(b, planUid);
                }, this::failed);
    }

    /** Turns the staged changes into a plan and shows it; nothing runs until {@link #run()}. */
    public void process(Set<String> tags, String environment) {
        process(tags, environment, dev.orrery.graph.HostPattern.all());
    }

    /** As {@link #process(Set, String)}, with tasks only on the hosts {@code limit} keeps. */
    public void process(Set<String> tags, String environment, dev.orrery.graph.HostPattern limit) {
        OrreryBackend b = requireBackend();
        message.set("Processing staged changes …");
        executor.submit(() -> {
            Plan p = b.process(tags, environment, limit);
            return new Loaded(p, b.statuses(p.uid()), b.changesOf(p.uid()));
        }, loaded -> {
            applyPlan(loaded);
            follow(b, loaded.plan().uid());
            message.set("Plan " + shortUid(loaded.plan().uid()) + " ready: " + loaded.plan().tasks().size()
                    + " tasks. Nothing runs until you press Run.");
        }, this::failed);
    }

    /** Shows an already stored plan (a rollback preview, a plan from history). */
    public void showPlan(Plan p) {
        show(p.uid());
    }

    /** Runs the plan on screen on its hosts, in the background. */
    public void run() {
        Plan p = plan.get();
        if (p == null || runningHere.get()) {
            return;
        }
        OrreryBackend b = requireBackend();
        runningHere.set(true);
        message.set("Running plan " + shortUid(p.uid()) + " …");
        executor.submit(() -> b.run(p.uid(), new OutputNudge()), result -> {
            runningHere.set(false);
            markDirty();
            refreshDrift();
            checkStaleness();
            message.set("Run of " + shortUid(p.uid()) + " ended: " + result);
        }, error -> {
            runningHere.set(false);
            checkStaleness();
            failed(error);
        });
    }

    /** Stop / resume / restart / retry the whole plan; resume, restart and retry then run it again. */
    public void control(ControlVerb verb) {
        Plan p = plan.get();
        if (p == null) {
            return;
        }
        OrreryBackend b = requireBackend();
        executor.submit(() -> b.control(verb, p.uid()), runnerNeeded -> afterControl(verb, null, runnerNeeded),
                this::failed);
    }

    /** A context-menu action on one task (the ones that change state). */
    public void controlTask(TaskAction action, String taskId) {
        Plan p = plan.get();
        if (p == null) {
            return;
        }
        ControlVerb verb = switch (action) {
            case RETRY -> ControlVerb.RETRY;
            case RESUME -> ControlVerb.RESUME;
            case SKIP -> ControlVerb.SKIP;
            case MARK_DONE -> ControlVerb.NOOP;
            case SHOW_OUTPUT, COPY_COMMAND, RETRY_WITH_CURRENT_FILES ->
                    throw new IllegalArgumentException(action + " is not a control verb on one task");
        };
        OrreryBackend b = requireBackend();
        executor.submit(() -> b.controlTask(verb, p.uid(), taskId),
                runnerNeeded -> afterControl(verb, taskId, runnerNeeded), this::failed);
    }

    /** A verb that made tasks ready while no process drives the plan starts a run here, as the CLI does. */
    private void afterControl(ControlVerb verb, String taskId, boolean runnerNeeded) {
        message.set(verb.name().toLowerCase() + (taskId == null ? " plan" : " " + taskId) + " done");
        markDirty();
        checkStaleness();
        if (runnerNeeded && !runningHere.get()) {
            run();
        }
    }

    /**
     * "Retry with current files": the unfinished part of the plan on screen is staged and planned again from the
     * files as a new plan (the old one is superseded), which is shown and run.
     */
    public void retryWithCurrentFiles() {
        Plan p = plan.get();
        if (p == null || runningHere.get()) {
            return;
        }
        OrreryBackend b = requireBackend();
        message.set("Re-planning the unfinished part of " + shortUid(p.uid()) + " from the current files …");
        executor.submit(() -> {
            Plan next = b.retryWithCurrentFiles(p.uid());
            return new Loaded(next, b.statuses(next.uid()), b.changesOf(next.uid()));
        }, loaded -> {
            applyPlan(loaded);
            follow(b, loaded.plan().uid());
            message.set("Plan " + shortUid(loaded.plan().uid()) + " re-planned from the current files (supersedes "
                    + shortUid(p.uid()) + ")");
            run();
        }, this::failed);
    }

    /** Asks which unfinished tasks' files changed (after a run ends, when a plan is shown); fills the banner. */
    public void refreshDrift() {
        Plan p = plan.get();
        OrreryBackend b = backend;
        if (p == null || b == null) {
            drift.set("");
            return;
        }
        executor.submit(() -> String.join("\n", b.drift(p.uid())), text -> {
            if (plan.get() == p) {
                drift.set(text);
            }
        }, error -> drift.set(""));
    }

    public ReadOnlyStringProperty driftProperty() {
        return drift.getReadOnlyProperty();
    }

    /** Whether a context-menu entry applies to the task now. */
    public boolean applies(TaskAction action, String taskId) {
        return action.appliesTo(statuses.get(taskId));
    }

    /** The task's commands, secrets masked, one per line: what "Copy command" puts on the clipboard. */
    public String commandOf(String taskId) {
        Plan p = plan.get();
        if (p == null) {
            return "";
        }
        Task task = p.tasksById().get(taskId);
        return task == null ? "" : task.steps().stream()
                .map(s -> s instanceof Step.Exec e ? e.command() : s.summary())
                .map(s -> Secrets.mask(s, task.secrets()))
                .collect(Collectors.joining("\n"));
    }

    /** Recomputes the elapsed time (the view calls this once a second). */
    public void tick() {
        elapsed.set(DetailsBuilder.humanDuration(progress.get().elapsed(clock.instant())));
    }

    /**
     * Follows a plan made elsewhere (the command line's {@code changes process}, another window): when the
     * workspace's newest plan is newer than the one on screen and nothing runs here, it is shown and followed,
     * so its run lights up here too. The view calls this every few seconds.
     */
    public void followNewerPlan() {
        OrreryBackend b = backend;
        Plan current = plan.get();
        if (b == null || runningHere.get()) {
            return;
        }
        executor.submit(() -> new Newest(b.lastPlanUid().flatMap(b::plan), lastRunMark(b)), newest -> {
            Plan now = plan.get();
            Plan p = newest.plan().orElse(null);
            if (p != null && now == current
                    && (now == null || (!p.uid().equals(now.uid()) && p.created().isAfter(now.created())))) {
                show(p.uid());
            } else if (now == current && !newest.runMark().equals(seenRunMark)) {
                // a run started or ended somewhere (another process may have deployed): is the plan still current?
                seenRunMark = newest.runMark();
                checkStaleness();
            }
        }, this::failed);
    }

    /** Changes whenever a run of any plan starts or ends: the cheap sign that the deployed state may have moved. */
    private static String lastRunMark(OrreryBackend b) {
        return b.runs(1).stream().findFirst().map(r -> r.id() + "/" + r.finished()).orElse("");
    }

    private record Newest(Optional<Plan> plan, String runMark) {
    }

    /**
     * Asks, in the background, whether the plan on screen is stale: another plan changed resources it would
     * change after it was made, so Run, Resume, Restart and Retry would put older state back. The core refuses
     * them anyway; this lets the window say why before the operator tries.
     */
    private void checkStaleness() {
        Plan p = plan.get();
        OrreryBackend b = backend;
        if (p == null || b == null) {
            stale.set("");
            runRefused.set("");
            return;
        }
        String uid = p.uid();
        executor.submit(() -> List.of(reasonOf(b.staleness(uid, StalePlans.Scope.WHOLE_PLAN)),
                reasonOf(b.staleness(uid, StalePlans.Scope.UNFINISHED))), reasons -> {
            Plan now = plan.get();
            if (now != null && now.uid().equals(uid)) {
                stale.set(reasons.get(0));
                runRefused.set(reasons.get(1));
            }
        }, this::failed);
    }

    private static String reasonOf(Optional<StalePlan> staleness) {
        return staleness.map(s -> {
            String m = s.message();
            return Character.toUpperCase(m.charAt(0)) + m.substring(1);
        }).orElse("");
    }

    /** The shown plan's graph (blocked tasks for the progress and the table), rebuilt when the plan changes. */
    private dev.orrery.graph.TaskGraph graph;

    private void applyPlan(Loaded loaded) {
        Plan before = plan.get();
        plan.set(loaded.plan());
        if (before == null || !before.uid().equals(loaded.plan().uid())) {
            stale.set("");
            runRefused.set("");
        }
        changes.setAll(loaded.changes());
        applyStatuses(loaded.statuses());
        drift.set("");
        if (loaded.statuses().values().stream().anyMatch(st -> st.state() == TaskState.ERROR)) {
            refreshDrift();
        }
        checkStaleness();
    }

    private void applyStatuses(Map<String, TaskStatus> fresh) {
        statuses.keySet().retainAll(fresh.keySet());
        fresh.forEach((id, st) -> {
            if (!st.equals(statuses.get(id))) {
                statuses.put(id, st);
            }
        });
        Plan p = plan.get();
        if (p != null && (graph == null || graph.plan() != p)) {
            graph = dev.orrery.graph.TaskGraph.of(p); // built once per shown plan, not on every state change
        }
        progress.set(p == null ? RunProgress.NONE : RunProgress.of(graph, fresh));
        tick();
    }

    private void clearPlan() {
        plan.set(null);
        drift.set("");
        stale.set("");
        runRefused.set("");
        statuses.clear();
        changes.clear();
        progress.set(RunProgress.NONE);
        output.set("");
        elapsed.set("—");
    }

    private void follow(OrreryBackend b, String uid) {
        if (uid.equals(followedUid)) {
            return;
        }
        stopFollowing();
        followedUid = uid;
        RunListener listener = new RunListener() {
            @Override
            public void onTransition(Transition transition) {
                if (uid.equals(transition.planUid())) {
                    markDirty();
                }
            }

            @Override
            public void onOutput(OutputChunk chunk) {
                nudgeOutput(chunk.taskId());
            }

            @Override
            public void onRunFinished(String planUid, TaskState result) {
                markDirty();
            }
        };
        executor.submit(() -> b.follow(uid, listener), handle -> {
            if (uid.equals(followedUid)) {
                following = handle;
            } else {
                closeQuietly(handle);
            }
        }, this::failed);
    }

    private void stopFollowing() {
        followedUid = null;
        if (following != null) {
            AutoCloseable handle = following;
            following = null;
            executor.background(() -> closeQuietly(handle));
        }
    }

    /** Called from any thread: schedules one refresh of the states unless one is pending. */
    private void markDirty() {
        statesDirty.set(true);
        if (refreshing.compareAndSet(false, true)) {
            refreshStates();
        }
    }

    private void refreshStates() {
        String uid = followedUid;
        OrreryBackend b = backend;
        if (uid == null || b == null) {
            refreshing.set(false);
            return;
        }
        statesDirty.set(false);
        executor.submit(() -> b.statuses(uid), fresh -> {
            if (uid.equals(followedUid)) {
                applyStatuses(fresh);
                String selected = selectedTask.get();
                if (selected != null && outputDirty.getAndSet(false)) {
                    loadOutput();
                }
            }
            if (statesDirty.get()) {
                refreshStates();
            } else {
                refreshing.set(false);
                if (statesDirty.get() && refreshing.compareAndSet(false, true)) {
                    refreshStates();
                }
            }
        }, error -> {
            refreshing.set(false);
            failed(error);
        });
    }

    private void nudgeOutput(String taskId) {
        if (taskId.equals(selectedTask.get())) {
            outputDirty.set(true);
            markDirty();
        }
    }

    private void loadOutput() {
        String task = selectedTask.get();
        Plan p = plan.get();
        if (task == null || p == null || backend == null) {
            output.set("");
            return;
        }
        OrreryBackend b = backend;
        executor.submit(() -> formatOutput(b.output(p.uid(), task)), text -> {
            if (task.equals(selectedTask.get())) {
                output.set(text);
            }
        }, this::failed);
    }

    /** Output of every attempt and step, stderr marked, exit codes as a line of their own. */
    public static String formatOutput(List<OutputChunk> chunks) {
        StringBuilder sb = new StringBuilder();
        int attempt = -1;
        for (OutputChunk c : chunks) {
            if (c.attempt() != attempt) {
                attempt = c.attempt();
                sb.append("── attempt ").append(attempt).append(" ──\n");
            }
            sb.append(dev.orrery.api.TaskLog.body(List.of(c)));
        }
        return sb.toString();
    }

    private void failed(Throwable error) {
        if (error instanceof StalePlanException) {
            LOG.info("refused: {}", error.getMessage()); // expected, and said on screen: no stack trace
        } else {
            LOG.warn("plan action failed", error);
        }
        message.set(error.getMessage() == null ? error.toString() : error.getMessage());
    }

    private OrreryBackend requireBackend() {
        if (backend == null) {
            throw new IllegalStateException("no workspace open");
        }
        return backend;
    }

    private static void closeQuietly(AutoCloseable handle) {
        try {
            handle.close();
        } catch (Exception e) {
            LOG.debug("closing a plan watcher failed", e);
        }
    }

    static String shortUid(String uid) {
        return uid.length() > 8 ? uid.substring(0, 8) : uid;
    }

    /** Stops following; nothing more is asked of the backend. */
    public void close() {
        stopFollowing();
        backend = null;
    }

    public ReadOnlyObjectProperty<Plan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    /** Task states by task id (read-only view). */
    public ObservableMap<String, TaskStatus> statuses() {
        return statusesView;
    }

    /** The changes the plan was processed from (their diffs explain each task). */
    public ObservableList<Change> changes() {
        return changesView;
    }

    public ReadOnlyObjectProperty<RunProgress> progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty elapsedProperty() {
        return elapsed.getReadOnlyProperty();
    }

    /** True while a runner started by this window drives the plan. */
    public ReadOnlyBooleanProperty runningHereProperty() {
        return runningHere.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The task whose output the output pane shows; writable: the graph and the table set it. */
    public StringProperty selectedTaskProperty() {
        return selectedTask;
    }

    public ReadOnlyStringProperty outputProperty() {
        return output.getReadOnlyProperty();
    }

    /**
     * Why the plan on screen is stale as a whole ("Plan 2fb52e86 is stale: app was changed by plan 7c1d0a3b
     * (release 5) after it was made; ..."): the banner's text and Restart's reason. "" when it is not.
     */
    public ReadOnlyStringProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }

    /** Why Run, Resume and Retry are refused (the stale part is still to run); "" when they are not. */
    public ReadOnlyStringProperty runRefusedProperty() {
        return runRefused.getReadOnlyProperty();
    }

    private record Loaded(Plan plan, Map<String, TaskStatus> statuses, List<Change> changes) {
    }

    /** The runner's own listener: only used to refresh the selected task's output sooner. */
    private final class OutputNudge implements RunListener {
        @Override
        public void onTransition(Transition transition) {
            markDirty();
        }

        @Override
        public void onOutput(OutputChunk chunk) {
            nudgeOutput(chunk.taskId());
        }
    }
}
