package dev.orrery.stage;

import dev.orrery.model.Action;
import dev.orrery.model.Change;
import dev.orrery.model.FieldDiff;
import dev.orrery.model.Plan;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.ResourceSnapshot;
import dev.orrery.model.Task;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;
import dev.orrery.store.Store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Set;

/**
 * What a successful run leaves behind: when every task of a change is SUCCESS or NOOP, the change is executed
 * and its resource's committed state becomes the plan's desired snapshot ({@code run}, {@code update},
 * {@code deploy}) or is forgotten ({@code remove}); other actions ({@code restart}, {@code test}, jobs) change
 * no committed state. Orchestration jobs that succeed are recorded in the job cache per target.
 * The runner plugs {@link #commit} in as its change committer and calls it once every task of the change's
 * resource in the plan is SUCCESS or NOOP. Idempotent: a change is committed once, in one store transaction,
 * never again. Each call reads only the states of the change's tasks. Thread-safe if the store is.
 */
public final class Commits {
    /** The actions that change deployed state. */
    static final Set<String> COMMITTING = Set.of(Action.RUN, Action.UPDATE, Stager.DEPLOY, Action.REMOVE);

    private Commits() {
    }

    /** True when executing the change writes committed state (run, update, deploy, remove of non-jobs). */
    public static boolean commitsState(Change change) {
        return change.kind() != ResourceKind.JOB && COMMITTING.contains(change.action());
    }

    /**
     * What a completed plan deployed, for its release: {@code sha256:} of the plan's own desired snapshots and
     * removals (whatever the files say by the time the run ends). Empty when the plan changes no deployed state
     * (only custom actions such as restart or test, or only orchestration jobs): such a run records no release.
     * A plan built without staged changes (by hand, through the library) counts as a deployment of its desired
     * snapshots.
     */
    public static Optional<String> deployedFingerprint(Store store, Plan plan) {
        List<Change> changes = plan.changeIds().isEmpty() ? List.of() : store.changes().ofPlan(plan.uid());
        if (!plan.changeIds().isEmpty() && changes.stream().noneMatch(Commits::commitsState)) {
            return Optional.empty();
        }
        Map<String, ResourceSnapshot> desired = store.plans().desiredAll(plan.uid());
        Map<String, String> deployed = new TreeMap<>();
        for (Change c : changes) {
            if (commitsState(c)) {
                deployed.put(c.resource(), Action.REMOVE.equals(c.action()) ? "removed"
                        : Snapshots.fingerprint(desired.get(c.resource())));
            }
        }
        if (changes.isEmpty()) {
            desired.forEach((name, snapshot) -> deployed.put(name, Snapshots.fingerprint(snapshot)));
        }
        StringBuilder text = new StringBuilder();
        deployed.forEach((name, fp) -> text.append(name).append('=').append(fp).append('\n'));
        return Optional.of(Snapshots.digest(text.toString()));
    }

    /**
     * Commits one change whose tasks are all SUCCESS/NOOP, as the runner's {@code ChangeCommitter} does:
     * {@code runner.committer((plan, change, tasks, at) -> Commits.commit(store, plan, change, tasks, at))}.
     * Records job successes (tasks in SUCCESS; NOOP means marked done by hand, not run) in the job cache, then
     * executes the change and writes its committed state in one transaction. A second call writes nothing.
     *
     * @return true if this call executed the change
     */
    public static boolean commit(Store store, Plan plan, Change change, List<Task> tasks, Instant at) {
        if (change.kind() == ResourceKind.JOB) {
            cacheSucceededJobs(store, plan, tasks, at);
        }
        return execute(store, plan, change, at);
    }

    private static boolean execute(Store store, Plan plan, Change change, Instant at) {
        ResourceSnapshot commit = null;
        String uncommit = null;
        if (commitsState(change)) {
            // no desired state: the plan ran the change on part of its hosts (--limit), so nothing is committed
            Optional<ResourceSnapshot> desired = store.plans().desired(plan.uid(), change.resource());
            if (desired.isPresent() && Action.REMOVE.equals(change.action())) {
                uncommit = change.resource();
            } else {
                commit = desired.orElse(null);
            }
        }
        return store.changes().execute(plan.uid(), change.id(), at, plan.environment(), commit, uncommit);
    }

    private static void cacheSucceededJobs(Store store, Plan plan, List<Task> tasks, Instant at) {
        for (Task task : tasks) {
            Optional<TaskStatus> s = store.tasks().status(plan.uid(), task.id());
            if (task.kind() == ResourceKind.JOB && s.isPresent() && s.get().state() == TaskState.SUCCESS) {
                store.jobCache().recordSuccess(task.host(), jobFingerprint(store, plan, task), plan.uid(), at);
            }
        }
    }

    /** The job's fingerprint as processed (the job may have left the files since). */
    private static String jobFingerprint(Store store, Plan plan, Task task) {
        String field = "attributes." + Fingerprints.ATTRIBUTE;
        Optional<String> desired = store.plans().desired(plan.uid(), task.resource())
                .map(s -> s.fields().get(field));
        if (desired.isPresent()) {
            return desired.get();
        }
        for (Change c : store.changes().ofPlan(plan.uid(), task.resource())) {
            for (FieldDiff d : c.diff()) {
                if (d.field().equals(field)) {
                    return d.newValue();
                }
            }
        }
        throw new IllegalStateException("job " + task.resource() + " of plan " + plan.uid() + " has no fingerprint");
    }
}
