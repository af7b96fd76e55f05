package dev.orrery.run;

import dev.orrery.stage.Replan;
import dev.orrery.graph.HostPattern;
import dev.orrery.model.Host;
import dev.orrery.model.LockHolder;
import dev.orrery.model.Plan;
import dev.orrery.model.Task;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;
import dev.orrery.store.Store;
import dev.orrery.store.UnknownPlanException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static dev.orrery.model.TaskState.ERROR;
import static dev.orrery.model.TaskState.ERROR_RETRY;
import static dev.orrery.model.TaskState.NOOP;
import static dev.orrery.model.TaskState.PENDING;
import static dev.orrery.model.TaskState.RUNNING;
import static dev.orrery.model.TaskState.SKIPPED;
import static dev.orrery.model.TaskState.SUCCESS;

/**
 * The control verbs of Solar's workflow, all done through the store so they work the same from the
 * GUI, the CLI and another process while a run goes on: the process that runs the plan sees the new
 * states within its poll interval. Each verb returns a {@link ControlResult} that says whether a
 * {@link Runner} must be started to continue ({@code orch resume/restart/retry} do so).
 *
 * <p>Plan references are uids, unique uid prefixes or {@code last}, {@code last2}, ... Unknown plans throw
 * {@link UnknownPlanException}, unknown task ids {@link IllegalArgumentException}, a task in a state the
 * verb does not apply to {@link IllegalStateException}, each with a readable message. Thread-safe.
 */
public final class Control {
    /** The reason recorded when {@link #restart} moves tasks (attempt counters start over). */
    public static final String RESTARTED = "restarted";

    private final Store store;

    public Control(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** PENDING (and waiting-to-retry) tasks become SKIPPED; running tasks finish. */
    public ControlResult stop(String planRef) {
        String uid = resolve(planRef);
        List<String> moved = store.tasks().transitionAll(uid, null, List.of(PENDING, ERROR_RETRY), SKIPPED, "stopped",
                Instant.now());
        return new ControlResult(uid, moved, store.locks().holder(uid), false);
    }

    /** SKIPPED tasks become PENDING; the run continues. */
    public ControlResult resume(String planRef) {
        String uid = notSuperseded(planRef);
        return result(uid, store.tasks().transitionAll(uid, null, List.of(SKIPPED), PENDING, "resumed", Instant.now()));
    }

    /** Every task becomes PENDING with its times, attempts and error cleared; the run starts over. */
    public ControlResult restart(String planRef) {
        String uid = notSuperseded(planRef);
        List<String> moved = store.tasks().transitionAll(uid, null,
                List.of(RUNNING, SUCCESS, ERROR, ERROR_RETRY, SKIPPED, NOOP), PENDING, RESTARTED, Instant.now());
        store.tasks().resetTimes(uid);
        return result(uid, moved);
    }

    /** ERROR tasks become PENDING (with a fresh set of automatic retries); the run continues. */
    public ControlResult retry(String planRef) {
        String uid = notSuperseded(planRef);
        return result(uid, store.tasks().transitionAll(uid, null, List.of(ERROR), PENDING, "retry", Instant.now()));
    }

    /** The task (ERROR, SKIPPED or waiting to retry) and its descendants that are ERROR or SKIPPED become PENDING. */
    public ControlResult retryTask(String planRef, String taskId) {
        String uid = notSuperseded(planRef);
        PlanShape shape = shape(uid);
        TaskState state = stateOf(uid, shape, taskId);
        if (state != ERROR && state != SKIPPED && state != ERROR_RETRY) {
            throw new IllegalStateException("task " + taskId + " is " + state + "; only ERROR or SKIPPED tasks can be retried");
        }
        Instant now = Instant.now();
        List<String> moved = new ArrayList<>(store.tasks().transitionAll(uid, List.of(taskId),
                List.of(ERROR, SKIPPED, ERROR_RETRY), PENDING, "retry " + taskId, now));
        moved.addAll(store.tasks().transitionAll(uid, shape.descendantsOf(taskId), List.of(ERROR, SKIPPED), PENDING,
                "retry " + taskId, now));
        return result(uid, moved);
    }

    /** Marks a task done by hand (NOOP counts as success: its children may start). */
    public ControlResult noop(String planRef, String taskId) {
        String uid = resolve(planRef);
        TaskState state = stateOf(uid, shape(uid), taskId);
        if (state == RUNNING) {
            throw new IllegalStateException("task " + taskId + " is running; wait for it to finish or fail first");
        }
        return result(uid, store.tasks().transitionAll(uid, List.of(taskId), List.of(PENDING, ERROR, ERROR_RETRY, SKIPPED),
                NOOP, "marked done by hand", Instant.now()));
    }

    /** Takes one task out of the run (PENDING, ERROR or waiting to retry → SKIPPED); its descendants wait. */
    public ControlResult skip(String planRef, String taskId) {
        String uid = resolve(planRef);
        TaskState state = stateOf(uid, shape(uid), taskId);
        if (state == RUNNING) {
            throw new IllegalStateException("task " + taskId + " is running; it cannot be skipped any more");
        }
        return result(uid, store.tasks().transitionAll(uid, List.of(taskId), List.of(PENDING, ERROR, ERROR_RETRY),
                SKIPPED, "skipped by hand", Instant.now()));
    }

    /**
     * Keeps only the sub-graph between {@code starts} and {@code ends} (tasks that are a start or below one,
     * and an end or above one; an empty side means no limit): tasks outside it that have not run become
     * SKIPPED, tasks inside it that were SKIPPED become PENDING.
     */
    public ControlResult filter(String planRef, Collection<String> starts, Collection<String> ends) {
        String uid = resolve(planRef);
        PlanShape shape = shape(uid);
        for (String id : concat(starts, ends)) {
            requireTask(shape, id);
        }
        Set<String> inside = shape.between(starts, ends);
        List<String> outside = shape.plan().tasks().stream().map(Task::id).filter(id -> !inside.contains(id)).toList();
        Instant now = Instant.now();
        List<String> moved = new ArrayList<>(store.tasks().transitionAll(uid, outside, List.of(PENDING, ERROR, ERROR_RETRY),
                SKIPPED, "filtered out", now));
        moved.addAll(store.tasks().transitionAll(uid, inside, List.of(SKIPPED), PENDING, "filtered in", now));
        return result(uid, moved);
    }

    /**
     * {@code --limit} on a run verb: PENDING tasks on hosts the pattern leaves out become SKIPPED with the reason
     * {@value HostPattern#OUTSIDE} (resume them later without the limit). Tasks in other states are left alone.
     *
     * @param hosts the inventory's hosts by name (a task whose host left the inventory is outside any limit)
     * @throws IllegalArgumentException when the pattern names no host or tag of the inventory, or matches none
     */
    public ControlResult limit(String planRef, HostPattern limit, Map<String, Host> hosts) {
        String uid = resolve(planRef);
        if (limit.isAll()) {
            return result(uid, List.of());
        }
        limit.require(hosts.values());
        List<String> outside = shape(uid).plan().tasks().stream()
                .filter(t -> !limit.keeps(t, hosts.get(t.host()))).map(Task::id).toList();
        return result(uid, store.tasks().transitionAll(uid, outside, List.of(PENDING), SKIPPED, HostPattern.OUTSIDE,
                Instant.now()));
    }

    /** The live process running the plan, if any. */
    public Optional<LockHolder> runner(String planRef) {
        return store.locks().holder(resolve(planRef));
    }

    private ControlResult result(String uid, List<String> moved) {
        Optional<LockHolder> holder = store.locks().holder(uid);
        boolean needed = holder.isEmpty()
                && !PlanRun.readyTasks(shape(uid), store.tasks().statuses(uid)).isEmpty();
        List<String> ordered = inPlanOrder(uid, moved);
        return new ControlResult(uid, ordered, holder, needed);
    }

    private List<String> inPlanOrder(String uid, List<String> moved) {
        Set<String> set = new LinkedHashSet<>(moved);
        return shape(uid).plan().tasks().stream().map(Task::id).filter(set::contains).toList();
    }

    /** A plan whose unfinished part was re-planned must not run its old steps again: its successor does that. */
    private String notSuperseded(String planRef) {
        String uid = resolve(planRef);
        requireNotSuperseded(store, uid);
        return uid;
    }

    /** Refuses a plan that {@code retry --replan} superseded, naming the plan its unfinished work went to. */
    public static void requireNotSuperseded(Store store, String uid) {
        Replan.supersededBy(store, uid).ifPresent(next -> {
            throw new IllegalStateException("plan " + uid + " was re-planned from the current files as plan " + next
                    + "; retry or resume that one");
        });
    }

    private String resolve(String planRef) {
        return store.plans().resolve(planRef);
    }

    private PlanShape shape(String uid) {
        Plan plan = store.plans().find(uid).orElseThrow(() -> new UnknownPlanException("no plan " + uid + " in the history"));
        return new PlanShape(plan);
    }

    private TaskState stateOf(String uid, PlanShape shape, String taskId) {
        requireTask(shape, taskId);
        Map<String, TaskStatus> statuses = store.tasks().statuses(uid);
        TaskStatus status = statuses.get(taskId);
        return status == null ? PENDING : status.state();
    }

    private static void requireTask(PlanShape shape, String taskId) {
        if (!shape.contains(taskId)) {
            List<String> similar = shape.plan().tasks().stream().map(Task::id)
                    .filter(id -> id.startsWith(taskId.split("[.@]")[0])).limit(5).toList();
            throw new IllegalArgumentException("plan " + shape.plan().uid() + " has no task " + taskId
                    + (similar.isEmpty() ? "" : " (tasks with that resource: " + String.join(", ", similar) + ")"));
        }
    }

    private static List<String> concat(Collection<String> a, Collection<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
