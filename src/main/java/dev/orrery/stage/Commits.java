package dev.orrery.stage;

import dev.orrery.model.Action;
import dev.orrery.model.Change;
import dev.orrery.model.Plan;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.ResourceSnapshot;
import dev.orrery.model.Task;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;
import dev.orrery.store.Store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a successful run leaves behind: when every task of a change is SUCCESS or NOOP, the change is executed
 * and its resource's committed state becomes the plan's desired snapshot ({@code run}, {@code update},
 * {@code deploy}) or is forgotten ({@code remove}); other actions ({@code restart}, {@code test}, jobs) change
 * no committed state. Orchestration jobs that succeed are recorded in the job cache per target.
 * The runner plugs {@link #commit} in as its change committer (or calls {@link #afterTask} after each task reaches
 * SUCCESS or NOOP, or {@link #commitFinished} once at the end). Idempotent: a change is committed once, in one store transaction, never again. Thread-safe if the
 * store is.
 */
public final class Commits {
    private static final Set<String> COMMITTING = Set.of(Action.RUN, Action.UPDATE, Stager.DEPLOY, Action.REMOVE);

    private Commits() {
    }

    /** True when executing the change writes committed state (run, update, deploy, remove of non-jobs). */
    public static boolean commitsState(Change change) {
        return change.kind() != ResourceKind.JOB && COMMITTING.contains(change.action());
    }

    /**
     * Call after task {@code taskId} of {@code plan} reached SUCCESS or NOOP: records a job success in the job
     * cache (SUCCESS only: a job marked NOOP by hand did not run) and commits every change of the plan that is
     * now complete.
     *
     * @return the changes executed by this call
     */
    public static List<Change> afterTask(Store store, Plan plan, String taskId, Instant at) {
        Task task = plan.tasksById().get(taskId);
        if (task == null) {
            throw new IllegalArgumentException("plan " + plan.uid() + " has no task " + taskId);
        }
        Map<String, TaskStatus> statuses = store.tasks().statuses(plan.uid());
        TaskStatus status = statuses.get(taskId);
        if (task.kind() == ResourceKind.JOB && status != null && status.state() == TaskState.SUCCESS) {
            store.jobCache().recordSuccess(task.host(), jobFingerprint(store, plan, task), plan.uid(), at);
        }
        return commit(store, plan, statuses, at, task.resource());
    }

    /**
     * Commits one change whose tasks are all SUCCESS/NOOP, as the runner's {@code ChangeCommitter} does:
     * {@code runner.committer((plan, change, tasks, at) -> Commits.commit(store, plan, change, tasks, at))}.
     * Records job successes (tasks in SUCCESS) in the job cache, then executes the change and writes its
     * committed state in one transaction. A second call for the same change writes nothing.
     *
     * @return true if this call executed the change
     */
    public static boolean commit(Store store, Plan plan, Change change, List<Task> tasks, Instant at) {
        if (change.kind() == ResourceKind.JOB) {
            Map<String, TaskStatus> statuses = store.tasks().statuses(plan.uid());
            for (Task task : tasks) {
                TaskStatus status = statuses.get(task.id());
                if (status != null && status.state() == TaskState.SUCCESS) {
                    store.jobCache().recordSuccess(task.host(), jobFingerprint(store, plan, task), plan.uid(), at);
                }
            }
        }
        return execute(store, plan, change, at);
    }

    /** Commits every change of the plan whose tasks are all SUCCESS/NOOP; returns those executed by this call. */
    public static List<Change> commitFinished(Store store, Plan plan, Instant at) {
        return commit(store, plan, store.tasks().statuses(plan.uid()), at, null);
    }

    private static List<Change> commit(Store store, Plan plan, Map<String, TaskStatus> statuses, Instant at,
                                       String onlyResource) {
        List<Change> executed = new ArrayList<>();
        for (Change change : store.changes().ofPlan(plan.uid())) {
            if (onlyResource != null && !onlyResource.equals(change.resource())) {
                continue;
            }
            if (!allDone(plan, statuses, change.resource())) {
                continue;
            }
            if (execute(store, plan, change, at)) {
                executed.add(change);
            }
        }
        return executed;
    }

    private static boolean execute(Store store, Plan plan, Change change, Instant at) {
        ResourceSnapshot commit = null;
        String uncommit = null;
        if (commitsState(change)) {
            if (Action.REMOVE.equals(change.action())) {
                uncommit = change.resource();
            } else {
                commit = store.plans().desired(plan.uid(), change.resource()).orElse(null);
            }
        }
        return store.changes().execute(plan.uid(), change.id(), at, plan.environment(), commit, uncommit);
    }

    private static boolean allDone(Plan plan, Map<String, TaskStatus> statuses, String resource) {
        for (Task t : plan.tasks()) {
            if (t.resource().equals(resource)) {
                TaskStatus s = statuses.get(t.id());
                if (s == null || !s.state().letsChildrenStart()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The job's fingerprint as processed: from the plan's change diff (the job may have left the files since). */
    private static String jobFingerprint(Store store, Plan plan, Task task) {
        for (Change c : store.changes().ofPlan(plan.uid())) {
            if (c.resource().equals(task.resource())) {
                for (var d : c.diff()) {
                    if (d.field().equals("attributes." + Fingerprints.ATTRIBUTE)) {
                        return d.newValue();
                    }
                }
            }
        }
        throw new IllegalStateException("job " + task.resource() + " of plan " + plan.uid() + " has no fingerprint");
    }
}
