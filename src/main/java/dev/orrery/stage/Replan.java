package dev.orrery.stage;

import dev.orrery.model.Change;
import dev.orrery.model.Plan;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.Task;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;
import dev.orrery.model.Transition;
import dev.orrery.model.Workspace;
import dev.orrery.store.Store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code orch retry PLAN --replan}: the unfinished part of a plan (ERROR, blocked, PENDING, SKIPPED tasks)
 * staged and planned again from the current files, as a new plan that succeeds the old one
 * (docs/decisions/0027-retry-with-current-files.md).
 * <ul>
 *   <li>Each change of the old plan with an unfinished task is staged again: its resource's diff against the
 *       committed state now (the action may change, e.g. {@code run} stays {@code run} for a resource never
 *       deployed), the same action for an explicit change or an orchestration job. A resource that no longer
 *       differs is dropped and said so.</li>
 *   <li>In the new plan, a task that already succeeded in the old plan with the same definition is NOOP
 *       ("succeeded in plan X"): what succeeded is kept, not run again.</li>
 *   <li>The old plan's unfinished tasks become SKIPPED with reason {@code superseded by plan Y}; the control verbs
 *       refuse to revive them ({@link #supersededBy}).</li>
 * </ul>
 */
public final class Replan {
    /** The reason the old plan's unfinished tasks carry; {@link #supersededBy} reads it back. */
    public static final String SUPERSEDED = "superseded by plan ";

    /**
     * @param successor the new plan (stored, ready to run)
     * @param kept      tasks of the successor already done in the old plan (NOOP now)
     * @param dropped   one line per resource of the unfinished part that needs nothing any more
     */
    public record Result(Plan successor, List<String> kept, List<String> dropped) {
        public Result {
            kept = List.copyOf(kept);
            dropped = List.copyOf(dropped);
        }
    }

    private Replan() {
    }

    /**
     * Stages and processes the unfinished part of plan {@code uid} from {@code workspace} (see the class comment).
     *
     * @throws StageException when the plan is running, is a rollback, was superseded already, or has nothing
     *                        unfinished or nothing that still differs (nothing is written then)
     */
    public static Result replan(Workspace workspace, Store store, String uid) {
        Plan old = store.plans().find(uid).orElseThrow(() -> new StageException("no plan " + uid));
        supersededBy(store, uid).ifPresent(next -> {
            throw new StageException("plan " + uid + " was already re-planned as plan " + next + "; retry that one");
        });
        Map<String, TaskStatus> statuses = store.tasks().statuses(uid);
        Map<String, TaskState> states = new LinkedHashMap<>();
        old.tasks().forEach(t -> states.put(t.id(), statuses.containsKey(t.id())
                ? statuses.get(t.id()).state() : TaskState.PENDING));
        if (states.containsValue(TaskState.RUNNING)) {
            throw new StageException("plan " + uid + " has running tasks; stop it and wait for them before --replan");
        }
        List<String> unfinished = old.tasks().stream().map(Task::id).filter(id -> PlanDrift.unfinished(states.get(id)))
                .toList();
        if (unfinished.isEmpty()) {
            throw new StageException("plan " + uid + " has nothing unfinished to re-plan");
        }
        Set<String> resources = new LinkedHashSet<>();
        old.tasks().stream().filter(t -> unfinished.contains(t.id())).forEach(t -> resources.add(t.resource()));
        List<Change> before = store.changes().ofPlan(uid).stream().filter(c -> resources.contains(c.resource())).toList();
        if (before.stream().anyMatch(c -> c.reason().startsWith(Rollback.REASON))) {
            throw new StageException("plan " + uid + " is a rollback, which deploys a release's state, not the files;"
                    + " run `rollback` again instead of --replan");
        }
        List<String> dropped = new ArrayList<>();
        List<Change> again = restage(workspace, store, old.environment(), before, dropped);
        if (again.isEmpty()) {
            throw new StageException("nothing to re-plan in plan " + uid + ": " + String.join("; ", dropped));
        }
        Plan successor = Processor.process(workspace, store, store.changes().stageAll(again), old.environment(),
                Map.of());
        Instant now = Instant.now();
        List<String> done = new ArrayList<>();
        Map<String, Task> oldTasks = old.tasksById();
        for (Task task : successor.tasks()) {
            Task was = oldTasks.get(task.id());
            if (was != null && states.get(was.id()).letsChildrenStart() && PlanDrift.sameDefinition(was, task)) {
                done.add(task.id());
            }
        }
        String shortOld = uid.substring(0, Math.min(8, uid.length()));
        List<String> kept = store.tasks().transitionAll(successor.uid(), done, List.of(TaskState.PENDING),
                TaskState.NOOP, "succeeded in plan " + shortOld, now);
        store.tasks().transitionAll(uid, unfinished, List.of(TaskState.PENDING, TaskState.ERROR, TaskState.SKIPPED,
                TaskState.ERROR_RETRY), TaskState.SKIPPED, SUPERSEDED + successor.uid(), now);
        return new Result(successor, kept, dropped);
    }

    /** The plan that re-planned {@code uid}'s unfinished part, if one did. */
    public static Optional<String> supersededBy(Store store, String uid) {
        List<Transition> transitions = store.tasks().transitions(uid);
        for (int i = transitions.size() - 1; i >= 0; i--) {
            String reason = transitions.get(i).reason();
            if (reason != null && reason.startsWith(SUPERSEDED)) {
                return Optional.of(reason.substring(SUPERSEDED.length()));
            }
        }
        return Optional.empty();
    }

    /** The old changes as the files stage them now; what no longer needs anything goes to {@code dropped}. */
    private static List<Change> restage(Workspace workspace, Store store, String env, List<Change> before,
                                        List<String> dropped) {
        StageRequest request = StageRequest.all().withEnvironment(env);
        Map<String, Change> diffed = new LinkedHashMap<>();
        for (Change c : Stager.preview(workspace, store, request)) {
            if (c.kind() != ResourceKind.JOB) {
                diffed.putIfAbsent(c.resource(), c);
            }
        }
        Map<String, Change> out = new LinkedHashMap<>();
        for (Change c : before) {
            Change now;
            if (c.kind() == ResourceKind.JOB) {
                now = workspace.resource(c.resource()).isPresent()
                        ? new Change(0, c.resource(), c.kind(), c.action(), c.tags(), c.diff(), c.reason(), env, Instant.now())
                        : null;
            } else if (Stager.EXPLICIT.equals(c.reason())) {
                now = workspace.resource(c.resource()).isPresent()
                        ? Stager.preview(workspace, store, request.withResource(c.resource(), c.action())).get(0)
                        : null;
            } else {
                now = diffed.get(c.resource());
            }
            if (now == null) {
                dropped.add(c.resource() + (workspace.resource(c.resource()).isEmpty() && c.kind() == ResourceKind.JOB
                        ? " is no longer in the files" : " no longer differs from what is deployed"));
            } else {
                out.putIfAbsent(now.resource() + "\u0000" + now.action(), now);
            }
        }
        return new ArrayList<>(out.values());
    }
}
