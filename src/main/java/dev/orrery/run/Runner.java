package dev.orrery.run;

import dev.orrery.model.Host;
import dev.orrery.model.Plan;
import dev.orrery.model.Workspace;
import dev.orrery.stage.Commits;
import dev.orrery.stage.StalePlanException;
import dev.orrery.stage.StalePlans;
import dev.orrery.store.Store;
import dev.orrery.store.UnknownPlanException;
import dev.orrery.transport.Transports;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Drives one stored plan until nothing more can run.
 *
 * <p>{@link #run} takes the plan's lock (refusing with {@link PlanLockedException} while another live
 * process holds it; a dead holder's lock is taken over and the tasks it left RUNNING become ERROR
 * {@code interrupted (runner pid N died)}), records a run, then starts tasks whose parents are all
 * SUCCESS/NOOP, heaviest first (ties in topological order), within the limits of {@link RunOptions}. Every
 * transition is written to the store before what it describes; the runner re-reads the store's transition
 * log every {@link RunOptions#pollInterval()} so control verbs from any process ({@link Control}) take
 * effect during the run. Failed attempts are retried after back-off while the task's retries last, then
 * the task is ERROR and its descendants stay PENDING (blocked) while other branches go on. A change whose
 * tasks all succeeded is committed through the {@link ChangeCommitter}; a plan that completes records a
 * release ({@link ReleaseRecorder}). A stale plan ({@link StalePlans}) does not start.
 *
 * <p>Thread safety: a Runner may be shared, and {@link #run} called from any thread (it blocks until the run
 * ends; interrupting that thread stops starting tasks and waits for the running ones). Listeners receive
 * events on their own threads, in order per task.
 */
public final class Runner {
    private final Store store;
    private final Transports transports;
    private final Path workspaceRoot;
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final RunOptions options;
    private final List<RunListener> listeners = new CopyOnWriteArrayList<>();
    private volatile ChangeCommitter committer;

    /**
     * @param workspaceRoot the folder transfer sources are relative to
     * @param hosts         the inventory: tasks name their host, this says how to reach it
     */
    public Runner(Store store, Transports transports, Path workspaceRoot, Collection<Host> hosts, RunOptions options) {
        this.store = Objects.requireNonNull(store, "store");
        this.transports = Objects.requireNonNull(transports, "transports");
        this.workspaceRoot = Objects.requireNonNull(workspaceRoot, "workspaceRoot");
        this.options = Objects.requireNonNull(options, "options");
        hosts.forEach(h -> this.hosts.put(h.name(), h));
        this.committer = (plan, change, tasks, at) -> Commits.commit(store, plan, change, tasks, at);
    }

    /** A runner for the hosts of a loaded workspace. */
    public Runner(Store store, Transports transports, Workspace workspace, RunOptions options) {
        this(store, transports, workspace.root(), workspace.hosts(), options);
    }

    /** Adds a listener for the runs started after this call. */
    public Runner addListener(RunListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    public Runner removeListener(RunListener listener) {
        listeners.remove(listener);
        return this;
    }

    /** Replaces the default committer ({@link Commits#commit}, the stage package's rules). */
    public Runner committer(ChangeCommitter newCommitter) {
        this.committer = Objects.requireNonNull(newCommitter, "committer");
        return this;
    }

    public RunOptions options() {
        return options;
    }

    /**
     * Runs the plan until nothing more can run; blocks meanwhile.
     *
     * @param planRef a uid, a unique uid prefix, or {@code last}, {@code last2}, ...
     * @throws PlanLockedException  when another live process runs the plan
     * @throws UnknownPlanException when the reference names no plan
     * @throws StalePlanException   when resources it has still to change were changed by another plan since it
     *                              was made (nothing runs)
     */
    public RunResult run(String planRef) {
        String uid = store.plans().resolve(planRef);
        Plan plan = store.plans().find(uid)
                .orElseThrow(() -> new UnknownPlanException("no plan " + planRef + " in the history"));
        StalePlans.requireCurrent(store, plan, StalePlans.Scope.UNFINISHED);
        PlanShape shape = new PlanShape(plan);
        RunResult result = new PlanRun(store, transports, workspaceRoot, hosts, options, shape, List.copyOf(listeners),
                committer).drive();
        // A control verb in another process may have made tasks runnable just as this run let go of the lock.
        while (hasReadyTask(shape) && store.locks().holder(uid).isEmpty()) {
            try {
                result = new PlanRun(store, transports, workspaceRoot, hosts, options, shape, List.copyOf(listeners),
                        committer).drive();
            } catch (PlanLockedException e) {
                break;
            }
        }
        return result;
    }

    private boolean hasReadyTask(PlanShape shape) {
        return !PlanRun.readyTasks(shape, store.tasks().statuses(shape.plan().uid())).isEmpty()
                && !Thread.currentThread().isInterrupted();
    }
}
