package dev.orrery;

import dev.orrery.api.InvalidWorkspaceException;
import dev.orrery.api.PlanReport;
import dev.orrery.api.RunHandle;
import dev.orrery.api.TaskLog;
import dev.orrery.api.TaskReport;
import dev.orrery.graph.DotExport;
import dev.orrery.graph.HostPattern;
import dev.orrery.graph.ResourceGraph;
import dev.orrery.graph.PlanBuilder;
import dev.orrery.graph.TaskGraph;
import dev.orrery.load.LoadResult;
import dev.orrery.load.WaitForEditException;
import dev.orrery.load.WaitForEditor;
import dev.orrery.load.WorkspaceLoader;
import dev.orrery.model.Change;
import dev.orrery.model.ExecutedChange;
import dev.orrery.model.OutputChunk;
import dev.orrery.model.Plan;
import dev.orrery.model.PlanSummary;
import dev.orrery.model.Release;
import dev.orrery.model.RunSummary;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;
import dev.orrery.model.Transition;
import dev.orrery.model.Workspace;
import dev.orrery.run.Control;
import dev.orrery.run.ControlResult;
import dev.orrery.run.PlanWatcher;
import dev.orrery.run.Recovery;
import dev.orrery.run.RunListener;
import dev.orrery.run.RunOptions;
import dev.orrery.run.RunResult;
import dev.orrery.run.Runner;
import dev.orrery.stage.Commits;
import dev.orrery.stage.Fingerprints;
import dev.orrery.stage.PlanDrift;
import dev.orrery.stage.Processor;
import dev.orrery.stage.Replan;
import dev.orrery.stage.Rollback;
import dev.orrery.stage.StalePlan;
import dev.orrery.stage.StalePlanException;
import dev.orrery.stage.StalePlans;
import dev.orrery.stage.StageRequest;
import dev.orrery.stage.Stager;
import dev.orrery.store.SqliteStore;
import dev.orrery.store.Store;
import dev.orrery.store.StoreException;
import dev.orrery.store.UnknownPlanException;
import dev.orrery.transport.HostKeyPolicy;
import dev.orrery.transport.PassphraseProvider;
import dev.orrery.transport.TransportPool;
import dev.orrery.transport.Transports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;

/**
 * Orrery as a library: everything the command line does, for another Java program (Directord's "library
 * usage"). Open a workspace folder, look at what changed, stage it, process it into a plan, run the plan on
 * its hosts and follow it:
 *
 * <pre>{@code
 * try (Orrery orrery = Orrery.open(Path.of("samples/webstack"))) {
 *     orrery.stage(StageRequest.all());
 *     Plan plan = orrery.process(Set.of(), null);
 *     RunResult result = orrery.run(plan.uid(), RunOptions.defaults(), transition ->
 *             System.out.println(transition.taskId() + " " + transition.to()));
 *     System.out.println(orrery.report(plan.uid()).overall());   // SUCCESS
 * }
 * }</pre>
 *
 * <p>The workspace files are read on first use and kept ({@link #reload()} reads them again); the history
 * file ({@code <workspace>/.orrery/history.db}) is opened on first use; SSH connections and sandbox hosts
 * are started by the first run and closed by {@link #close()}. Plan references are a uid, a unique uid
 * prefix, or {@code last}/{@code last1}, {@code last2}, ... for the newest plans.
 *
 * <p>Errors: invalid workspace files throw {@link InvalidWorkspaceException} (every problem with file, line
 * and column); an unknown plan reference throws {@link UnknownPlanException}; bad arguments throw
 * {@link IllegalArgumentException}.
 *
 * <p>Thread safety: the methods may be called from several threads; runs of different plans may go on at
 * once. Other processes may use the same workspace at the same time (they coordinate through the store).
 */
public final class Orrery implements AutoCloseable {
    private final Path root;
    private final Path onlyFile;
    private volatile HostKeyPolicy hostKeyPolicy = HostKeyPolicy.refuse();
    private volatile PassphraseProvider passphrases = PassphraseProvider.none();
    private LoadResult loaded;
    /** Every file of the folder, read only to tell a component deleted from the one file from another file's. */
    private LoadResult wholeWorkspace;
    private Store store;
    private TransportPool transports;
    private final List<AutoCloseable> handles = new ArrayList<>();
    private boolean closed;

    private Orrery(Path root, Path onlyFile) {
        this.root = root;
        this.onlyFile = onlyFile;
    }

    /**
     * Opens a workspace folder. Nothing is read yet.
     *
     * @throws IllegalArgumentException when the folder does not exist
     */
    public static Orrery open(Path workspace) {
        return new Orrery(existingFolder(workspace), null);
    }

    /**
     * Opens a workspace restricted to its inventory files and one other file (a component or orchestration
     * file, as {@code orrery deploy FILE} and {@code orrery orchestrate FILE} do). The history file is still
     * the workspace's.
     */
    public static Orrery open(Path workspace, Path file) {
        Path folder = existingFolder(workspace);
        Path absolute = folder.resolve(file).toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new IllegalArgumentException("file not found: " + absolute);
        }
        return new Orrery(folder, absolute);
    }

    private static Path existingFolder(Path workspace) {
        Path folder = Objects.requireNonNull(workspace, "workspace").toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("workspace folder not found: " + folder);
        }
        return folder;
    }

    /** How runs treat SSH host keys not in known_hosts; the default refuses them. Set before the first run. */
    public Orrery hostKeyPolicy(HostKeyPolicy policy) {
        this.hostKeyPolicy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /** Who is asked for the passphrase of an encrypted key; the default asks nobody. Set before the first run. */
    public Orrery passphrases(PassphraseProvider provider) {
        this.passphrases = Objects.requireNonNull(provider, "provider");
        return this;
    }

    /** The workspace folder. */
    public Path root() {
        return root;
    }

    // ---------------------------------------------------------------- files

    /** Reads and validates the workspace files (never writes); the result lists every problem. */
    public synchronized LoadResult validate() {
        loaded = onlyFile == null ? WorkspaceLoader.load(root) : WorkspaceLoader.load(root, onlyFile);
        return loaded;
    }

    /** The files as last read, reading them on first use. */
    public synchronized Workspace workspace() {
        LoadResult result = loaded != null ? loaded : validate();
        return result.workspace().filter(w -> result.ok())
                .orElseThrow(() -> new InvalidWorkspaceException(result.problems()));
    }

    /** Forgets the files read so far: the next call reads them again (after an edit). */
    public synchronized Orrery reload() {
        loaded = null;
        wholeWorkspace = null;
        return this;
    }

    // ---------------------------------------------------------------- editing wait-for

    /**
     * {@code resource} waits for {@code waitsFor} from now on: the wait-for list in the file that defines it gets
     * the new name, every other byte of the file stays as it was. The workspace is read again afterwards.
     *
     * @return the file that changed
     * @throws WaitForEditException when refused (nothing written): a cycle (message {@code a → b → c → a}), an
     *                              unknown name, a file changed on disk since it was read, ...
     */
    public Path addWaitFor(String resource, String waitsFor) throws WaitForEditException {
        refuseCycle(resource, waitsFor);
        return applied(editor().add(resource, waitsFor));
    }

    /**
     * The graph's rule (wait-for, links, reuse-from, job order), the same one the GUI's drag asks, so the command
     * line never accepts an edge the window refuses. Unknown names are left to the editor, which names them.
     */
    private void refuseCycle(String resource, String waitsFor) throws WaitForEditException {
        Workspace w = workspace();
        if (w.resource(resource).isEmpty() || w.resource(waitsFor).isEmpty()) {
            return;
        }
        Optional<List<String>> cycle = ResourceGraph.of(w).cycleIfWaitFor(resource, waitsFor);
        if (cycle.isPresent()) {
            throw WaitForEditException.cycle(cycle.get());
        }
    }

    /** {@code resource} no longer waits for {@code waitsFor}; as {@link #addWaitFor}. */
    public Path removeWaitFor(String resource, String waitsFor) throws WaitForEditException {
        return applied(editor().remove(resource, waitsFor));
    }

    /** {@code resource} waits for {@code to} instead of {@code from}, in the same place of its list. */
    public Path moveWaitFor(String resource, String from, String to) throws WaitForEditException {
        return applied(editor().move(resource, from, to));
    }

    /** Moves orchestration job {@code job} just before or after {@code anchor} (a job of the same entry). */
    public Path moveJob(String job, String anchor, WaitForEditor.Placement placement) throws WaitForEditException {
        return applied(editor().moveJob(job, anchor, placement));
    }

    private synchronized WaitForEditor editor() {
        workspace();
        return WaitForEditor.of(loaded);
    }

    private synchronized Path applied(WaitForEditor.Edit edit) {
        loaded = edit.reloaded();
        return edit.file();
    }

    // ---------------------------------------------------------------- staging

    /**
     * What {@link #stage} would stage, without storing anything. For a workspace opened on one file, only
     * changes of that file's resources, and the removal of a deployed component that no file of the workspace
     * defines any more (deleted from this file); removals of anything else are left to a full stage.
     */
    public List<Change> preview(StageRequest request) {
        List<Change> changes = Stager.preview(workspace(), store(), request);
        return onlyFile == null ? changes : changes.stream().filter(this::inOnlyFile).toList();
    }

    /** Stages the changes the request selects and returns them with their ids. */
    public List<Change> stage(StageRequest request) {
        if (onlyFile == null) {
            return Stager.stage(workspace(), store(), request);
        }
        return preview(request).stream().map(change -> store().changes().stage(change)).toList();
    }

    /**
     * Stages, as {@link #stage(StageRequest)}, only the changes with a host inside {@code limit} ({@code --limit}).
     */
    public List<Change> stage(StageRequest request, HostPattern limit) {
        if (limit.isAll()) {
            return stage(request);
        }
        if (onlyFile == null) {
            return Stager.stage(workspace(), store(), request, limit);
        }
        return Stager.preview(workspace(), store(), request, limit).stream().filter(this::inOnlyFile)
                .map(change -> store().changes().stage(change)).toList();
    }

    /** The plan the request's changes would make, built as {@link #process} builds it but not stored. */
    public Plan previewPlan(StageRequest request) {
        return Processor.preview(workspace(), store(), preview(request), request.environment());
    }

    private boolean inOnlyFile(Change change) {
        if (workspace().resource(change.resource()).isPresent()) {
            return true;
        }
        return change.kind() == dev.orrery.model.ResourceKind.COMPONENT
                && dev.orrery.model.Action.REMOVE.equals(change.action()) && !definedInWholeWorkspace(change.resource());
    }

    /**
     * Whether some file of the workspace folder defines {@code resource}. When the other files do not load, the
     * answer is yes: a component of another tool must never be removed because its file has a typo.
     */
    private synchronized boolean definedInWholeWorkspace(String resource) {
        if (wholeWorkspace == null) {
            wholeWorkspace = WorkspaceLoader.load(root);
        }
        return wholeWorkspace.workspace().map(w -> w.resource(resource).isPresent()).orElse(true);
    }

    /** The staged bucket, oldest first. */
    public List<Change> staged() {
        return store().changes().staged();
    }

    /** Removes staged changes by id; returns how many were removed. */
    public int discard(Collection<Long> ids) {
        return store().changes().discard(ids);
    }

    /** Empties the staged bucket; returns how many changes were removed. */
    public int discardAll() {
        return store().changes().discardAll();
    }

    /** Executed changes, newest first; {@code limit < 0} means all. */
    public List<ExecutedChange> history(int limit) {
        return store().changes().history(limit);
    }

    // ---------------------------------------------------------------- plans

    /**
     * Turns the staged changes (only those with one of {@code tags}, when not empty) into a stored plan for
     * {@code environment} (null: every host).
     */
    public Plan process(Set<String> tags, String environment) {
        return Processor.process(workspace(), store(), tags, environment);
    }

    /** As {@link #process(Set, String)}, with tasks only on the hosts {@code limit} keeps ({@code --limit}). */
    public Plan process(Set<String> tags, String environment, HostPattern limit) {
        return Processor.process(workspace(), store(), tags, environment, limit);
    }

    /**
     * The orchestration jobs with their fingerprints and the targets where they already succeeded (what
     * {@code orchestrate --finger-print} lists); nothing is staged.
     *
     * @param environment null: every host
     */
    public List<Fingerprints.JobFingerprint> fingerprints(String environment) {
        return Fingerprints.list(workspace(), store().jobCache(), environment == null ? "" : environment);
    }

    /** The uid a plan reference names. */
    public String resolve(String planRef) {
        return store().plans().resolve(planRef);
    }

    /** A stored plan. */
    public Plan plan(String planRef) {
        String uid = resolve(planRef);
        return store().plans().find(uid).orElseThrow(() -> new UnknownPlanException("no plan " + planRef));
    }

    /** Stored plans, newest first; {@code limit < 0} means all. */
    public List<PlanSummary> plans(int limit) {
        return store().plans().list(limit);
    }

    /** A stored plan by its exact uid, if there is one (no reference resolution: for callers that poll). */
    public Optional<Plan> findPlan(String uid) {
        return store().plans().find(uid);
    }

    /** The current state of every task of a plan, by task id (exact uid, no resolution: for callers that poll). */
    public Map<String, TaskStatus> statuses(String planUid) {
        return store().tasks().statuses(planUid);
    }

    /** The staged changes a plan was processed from. */
    public List<Change> changesOf(String planUid) {
        return store().changes().ofPlan(planUid);
    }

    /** Runs of every plan, newest first; {@code limit < 0} means all. */
    public List<RunSummary> runs(int limit) {
        return store().runs().list(limit);
    }

    /** Every task of a plan in topological order, with its state and whether it is blocked ({@link TaskGraph#blockage}). */
    public PlanReport report(String planRef) {
        Plan plan = plan(planRef);
        try {
            recover(plan.uid());
        } catch (StoreException cannotWrite) {
            // a report only reads: on a full disk or a read-only file it shows the plan as stored, unrecovered
        }
        Map<String, TaskStatus> statuses = store().tasks().statuses(plan.uid());
        Map<String, TaskState> states = new HashMap<>();
        statuses.forEach((id, status) -> states.put(id, status.state()));
        Set<String> blocked = TaskGraph.of(plan).blocked(states);
        List<TaskReport> rows = new ArrayList<>();
        for (var task : plan.tasks()) {
            TaskStatus status = statuses.getOrDefault(task.id(),
                    new TaskStatus(plan.uid(), task.id(), TaskState.PENDING, 0, null, null, null));
            rows.add(new TaskReport(task, status, blocked.contains(task.id())));
        }
        return new PlanReport(plan, rows, store().locks().holder(plan.uid()));
    }

    /**
     * Crash recovery: tasks left RUNNING by a runner process that died become ERROR ("interrupted (runner pid
     * N on H died)") so they can be retried, and tasks it would have retried become PENDING. Does nothing
     * while a live process runs the plan. {@link #report} calls it, so a report never shows a dead run as
     * running.
     *
     * @return the ids of the tasks that became ERROR
     */
    public List<String> recover(String planRef) {
        return Recovery.recoverIfAbandoned(store(), resolve(planRef));
    }

    /** The plan's recorded transitions with a sequence number above {@code afterSeq} (0: all), oldest first. */
    public List<Transition> transitions(String planRef, long afterSeq) {
        return store().tasks().transitionsSince(resolve(planRef), afterSeq);
    }

    /** A task's captured output (masked), all attempts in order. */
    public List<OutputChunk> output(String planRef, String taskId) {
        return store().tasks().output(resolve(planRef), taskId);
    }

    /**
     * A plan's recorded output split by task, run and attempt ({@code orch logs}), secrets masked; null filters
     * match everything.
     *
     * @param taskId  one task, or null for every task (in plan order)
     * @param run     the run's number within the plan (1 = its first run), or null for every run
     * @param attempt the attempt within the run, or null for every attempt
     * @throws IllegalArgumentException for a task the plan lacks or a run number it never had
     */
    public List<TaskLog> logs(String planRef, String taskId, Integer run, Integer attempt) {
        Plan plan = plan(planRef);
        Map<String, dev.orrery.model.Task> tasks = plan.tasksById();
        if (taskId != null && !tasks.containsKey(taskId)) {
            throw new IllegalArgumentException("plan " + plan.uid() + " has no task " + taskId + " (its tasks: "
                    + String.join(", ", tasks.keySet().stream().limit(8).toList()) + (tasks.size() > 8 ? ", ..." : "") + ")");
        }
        List<RunSummary> runs = store().runs().ofPlan(plan.uid());
        if (run != null && (run < 1 || run > Math.max(1, runs.size()))) {
            throw new IllegalArgumentException("plan " + plan.uid() + " has " + runs.size()
                    + (runs.size() == 1 ? " run" : " runs") + "; --run " + run + " names none");
        }
        Map<String, List<OutputChunk>> output = new LinkedHashMap<>();
        for (String id : taskId == null ? tasks.keySet() : List.of(taskId)) {
            output.put(id, store().tasks().output(plan.uid(), id));
        }
        return TaskLog.select(TaskLog.of(plan, runs, output), taskId, run, attempt);
    }

    /** The plan as a Graphviz DOT graph (transitively reduced), nodes coloured by state. */
    public String dot(String planRef) {
        Plan plan = plan(planRef);
        Map<String, TaskState> states = new LinkedHashMap<>();
        store().tasks().statuses(plan.uid()).forEach((id, status) -> states.put(id, status.state()));
        return DotExport.toDot(plan, states);
    }

    // ---------------------------------------------------------------- running

    /**
     * Runs a stored plan on its hosts until nothing more can run; blocks meanwhile. {@code listener} (may be
     * null) sees every transition and output line, on its own thread.
     *
     * @throws dev.orrery.run.PlanLockedException when another live process runs the plan
     * @throws StalePlanException when resources the plan has still to change were changed by another plan after it
     *                            was made (nothing runs; see {@link #staleness})
     */
    public RunResult run(String planRef, RunOptions options, RunListener listener) {
        String uid = resolve(planRef);
        requireCurrent(uid, StalePlans.Scope.UNFINISHED);
        Runner runner = runner(options, listener);
        return runner.run(uid);
    }

    /**
     * Starts a run in the background; follow it with the handle (poll, subscribe, await, stop).
     *
     * @throws StalePlanException when the plan is stale (nothing starts)
     */
    public RunHandle start(String planRef, RunOptions options, RunListener listener) {
        String uid = resolve(planRef);
        requireCurrent(uid, StalePlans.Scope.UNFINISHED);
        Runner runner = runner(options, listener);
        BackgroundRun handle = new BackgroundRun(this, uid, runner);
        synchronized (this) {
            handles.add(handle);
        }
        return handle;
    }

    /**
     * A runner for this workspace's hosts that commits through the stage package: a change whose tasks all
     * succeeded commits its resource's state and goes to history, and each succeeded orchestration job is
     * cached under its target and fingerprint (what {@code orchestrate} and {@code changes stage} consult).
     */
    private Runner runner(RunOptions options, RunListener listener) {
        Store s = store();
        Runner runner = new Runner(s, transports(), workspace().root(), workspace().hosts(), options)
                .committer((plan, change, tasks, at) -> Commits.commit(s, plan, change, tasks, at));
        if (listener != null) {
            runner.addListener(listener);
        }
        return runner;
    }

    /**
     * Follows a plan from the store, whoever runs it (this process or another): {@code listener} gets each
     * new transition and output line. Close the returned handle to stop following.
     */
    public AutoCloseable subscribe(String planRef, RunListener listener) {
        PlanWatcher watcher = PlanWatcher.follow(store(), planRef, listener);
        synchronized (this) {
            handles.add(watcher);
        }
        return watcher;
    }

    // ---------------------------------------------------------------- control verbs (any process, via the store)
    // Each returns what moved and whether a runner is needed to continue (none drives the plan now):
    // then call run(...) or start(...), as `orch resume/restart/retry` do.

    /** PENDING → SKIPPED; running tasks finish. */
    public ControlResult stop(String planRef) {
        return control().stop(planRef);
    }

    /** SKIPPED → PENDING (run the plan again to continue). Refused for a stale plan ({@link StalePlanException}). */
    public ControlResult resume(String planRef) {
        requireCurrent(resolve(planRef), StalePlans.Scope.UNFINISHED);
        return control().resume(planRef);
    }

    /** Every task → PENDING, times reset. Refused for a stale plan ({@link StalePlanException}). */
    public ControlResult restart(String planRef) {
        requireCurrent(resolve(planRef), StalePlans.Scope.WHOLE_PLAN);
        return control().restart(planRef);
    }

    /** ERROR → PENDING. Refused for a stale plan ({@link StalePlanException}). */
    public ControlResult retry(String planRef) {
        requireCurrent(resolve(planRef), StalePlans.Scope.UNFINISHED);
        return control().retry(planRef);
    }

    /**
     * The unfinished tasks of a plan whose definition in the workspace files changed since the plan was made,
     * with the fields that changed ({@code retry} runs the stored steps; {@link #retryWithCurrentFiles} the files').
     */
    public List<PlanDrift.Drift> drift(String planRef) {
        return PlanDrift.of(reload().workspace(), store(), plan(planRef)); // the files as they are now
    }

    /**
     * Stages and plans the unfinished part of a plan (ERROR, blocked, PENDING, SKIPPED tasks) again from the
     * current files, as a new stored plan; what succeeded is kept (NOOP), the old plan is marked superseded.
     * Run the returned plan with {@link #run} or {@link #start}.
     *
     * @throws dev.orrery.run.PlanLockedException when a live process runs the plan
     * @throws dev.orrery.stage.StageException    when there is nothing to re-plan (see {@link Replan#replan})
     */
    public Replan.Result retryWithCurrentFiles(String planRef) {
        String uid = resolve(planRef);
        recover(uid);
        Optional<dev.orrery.model.LockHolder> holder = store().locks().holder(uid);
        if (holder.isPresent()) {
            throw new dev.orrery.run.PlanLockedException(holder.get());
        }
        return Replan.replan(reload().workspace(), store(), uid); // the files as they are now
    }

    /** The plan that re-planned this plan's unfinished part ({@link #retryWithCurrentFiles}), if one did. */
    public Optional<String> supersededBy(String planRef) {
        return Replan.supersededBy(store(), resolve(planRef));
    }

    /** One task (and its blocked descendants) → PENDING. Refused for a stale plan ({@link StalePlanException}). */
    public ControlResult retryTask(String planRef, String taskId) {
        requireCurrent(resolve(planRef), StalePlans.Scope.UNFINISHED);
        return control().retryTask(planRef, taskId);
    }

    /**
     * Why the plan may not run, resume, restart or retry: another plan changed resources it would change after it
     * was made. Empty when it may. Checks the whole plan (what a restart would run).
     */
    public Optional<StalePlan> staleness(String planRef) {
        return staleness(planRef, StalePlans.Scope.WHOLE_PLAN);
    }

    /** {@link #staleness(String)} for the given part of the plan (UNFINISHED: what run, resume and retry check). */
    public Optional<StalePlan> staleness(String planRef, StalePlans.Scope scope) {
        return StalePlans.check(store(), plan(planRef), scope);
    }

    private void requireCurrent(String uid, StalePlans.Scope scope) {
        Control.requireNotSuperseded(store(), uid); // where its work went says more than that it is stale
        StalePlans.requireCurrent(store(), plan(uid), scope);
    }

    /** Marks one task done by hand (NOOP, counts as success). */
    public ControlResult noop(String planRef, String taskId) {
        return control().noop(planRef, taskId);
    }

    /** Takes one task out of the run (→ SKIPPED); its descendants wait. */
    public ControlResult skip(String planRef, String taskId) {
        return control().skip(planRef, taskId);
    }

    /** Keeps only the tasks between {@code starts} and {@code ends}; the others become SKIPPED. */
    public ControlResult filter(String planRef, Collection<String> starts, Collection<String> ends) {
        return control().filter(planRef, starts, ends);
    }

    /**
     * {@code --limit} on a run: PENDING tasks on hosts outside the pattern become SKIPPED ("outside --limit");
     * {@link #resume} brings them back.
     */
    public ControlResult limit(String planRef, HostPattern limit) {
        Map<String, dev.orrery.model.Host> hosts = new LinkedHashMap<>();
        workspace().hosts().forEach(h -> hosts.put(h.name(), h));
        return control().limit(planRef, limit, hosts);
    }

    /** True when a live process (this one or another) is running the plan now. */
    public boolean isRunning(String planRef) {
        return store().locks().holder(resolve(planRef)).isPresent();
    }

    // ---------------------------------------------------------------- releases

    /** Releases, newest first; {@code environment == null} lists every environment. */
    public List<Release> releases(String environment) {
        return store().releases().list(environment);
    }

    /**
     * Stages the way back from what is deployed now to a release and processes it into a stored plan.
     *
     * @param environment null: the release's environment
     */
    public Plan rollback(long releaseId, String environment) {
        return Rollback.plan(workspace(), store(), releaseId, environment);
    }

    /**
     * {@link #rollback(long, String)} of part of the deployed state only: the resources with one of {@code tags}
     * (empty: any) and, when not null, only {@code resource}; the rest stays as deployed now.
     */
    public Plan rollback(long releaseId, String environment, Set<String> tags, String resource) {
        return Rollback.plan(workspace(), store(), releaseId, environment, tags, resource);
    }

    /**
     * The release a rollback without an id goes back to: the newest release of {@code environment} (null: the
     * default one) that differs from what is deployed now, in the part selected by {@code tags} and {@code resource}.
     *
     * @throws dev.orrery.stage.StageException when there is none
     */
    public long previousRelease(String environment, Set<String> tags, String resource) {
        return Rollback.previous(store(), environment, tags, resource);
    }

    // ---------------------------------------------------------------- lifecycle

    /** Waits for background runs, stops following plans, disconnects hosts and closes the history file. */
    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(handles);
            handles.clear();
        }
        RuntimeException failure = null;
        for (AutoCloseable handle : toClose) {
            try {
                handle.close();
            } catch (Exception e) {
                failure = failure == null ? new IllegalStateException(e.getMessage(), e) : failure;
            }
        }
        synchronized (this) {
            if (transports != null) {
                transports.close();
            }
            if (store != null) {
                store.close();
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    synchronized Store store() {
        if (closed) {
            throw new IllegalStateException("this Orrery was closed");
        }
        if (store == null) {
            store = SqliteStore.open(root);
        }
        return store;
    }

    private synchronized Transports transports() {
        if (transports == null) {
            transports = TransportPool.create(root, hostKeyPolicy, passphrases);
        }
        // jump hosts that the inventory names are reached with their inventory settings
        return transports.withInventory(workspace().hosts());
    }

    private Control control() {
        return new Control(store());
    }

    synchronized void forget(AutoCloseable handle) {
        handles.remove(handle);
    }
}
