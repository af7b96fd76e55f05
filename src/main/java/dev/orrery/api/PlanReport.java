package dev.orrery.api;

import dev.orrery.model.LockHolder;
import dev.orrery.model.Plan;
import dev.orrery.model.TaskState;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plan and the state of every task, in the plan's topological order (Solar's {@code orch report}).
 *
 * @param runner the live process running the plan now, if any
 */
public record PlanReport(Plan plan, List<TaskReport> tasks, Optional<LockHolder> runner) {
    public PlanReport {
        tasks = List.copyOf(tasks);
    }

    /** Tasks per state, every state present (0 when none). */
    public Map<TaskState, Integer> counts() {
        Map<TaskState, Integer> counts = new EnumMap<>(TaskState.class);
        for (TaskState state : TaskState.values()) {
            counts.put(state, 0);
        }
        tasks.forEach(t -> counts.merge(t.state(), 1, Integer::sum));
        return counts;
    }

    /** True when every task is SUCCESS or NOOP. */
    public boolean succeeded() {
        return tasks.stream().allMatch(t -> t.state().letsChildrenStart());
    }

    /**
     * True when nothing is happening to the plan and nothing will without a control verb: no live runner,
     * and no task RUNNING or waiting to retry.
     */
    public boolean settled() {
        return runner.isEmpty()
                && tasks.stream().noneMatch(t -> t.state() == TaskState.RUNNING || t.state() == TaskState.ERROR_RETRY);
    }

    /** The overall state: SUCCESS, ERROR (something failed), SKIPPED (stopped), RUNNING or PENDING. */
    public TaskState overall() {
        Map<TaskState, Integer> counts = counts();
        if (succeeded()) {
            return TaskState.SUCCESS;
        }
        if (counts.get(TaskState.RUNNING) > 0 || counts.get(TaskState.ERROR_RETRY) > 0 || runner.isPresent()) {
            return TaskState.RUNNING;
        }
        if (counts.get(TaskState.ERROR) > 0) {
            return TaskState.ERROR;
        }
        if (counts.get(TaskState.SKIPPED) > 0) {
            return TaskState.SKIPPED;
        }
        return TaskState.PENDING;
    }
}
