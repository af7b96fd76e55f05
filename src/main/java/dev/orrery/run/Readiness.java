package dev.orrery.run;

import dev.orrery.model.Task;
import dev.orrery.model.TaskState;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A runner's local picture of its plan's task states, and which tasks could start: PENDING with every parent
 * SUCCESS or NOOP. Kept up to date on each state change (a count of unsettled parents per task), so finding the
 * next tasks to start costs the number of startable tasks, not the size of the plan, on every turn of the loop.
 * Not thread-safe: the runner's loop thread owns it.
 */
final class Readiness {
    private final PlanShape shape;
    private final Map<String, TaskState> states = new HashMap<>();
    private final Map<String, Integer> unsettledParents = new HashMap<>();
    private final Map<String, Integer> priority = new HashMap<>();
    private final TreeMap<Integer, Task> startable = new TreeMap<>();

    Readiness(PlanShape shape) {
        this.shape = shape;
        int position = 0;
        for (Task task : shape.byPriority()) {
            priority.put(task.id(), position++);
            unsettledParents.put(task.id(), shape.parentsOf(task.id()).size());
        }
    }

    /** The state last seen, or null if the store has no row for the task. */
    TaskState state(String taskId) {
        return states.get(taskId);
    }

    void set(String taskId, TaskState state) {
        TaskState before = states.put(taskId, state);
        boolean wasGood = before != null && before.letsChildrenStart();
        if (wasGood != state.letsChildrenStart()) {
            for (String child : shape.childrenOf(taskId)) {
                unsettledParents.merge(child, wasGood ? 1 : -1, Integer::sum);
                refresh(child);
            }
        }
        refresh(taskId);
    }

    /** PENDING tasks whose parents all settled well, in start priority (most descendants first). */
    Collection<Task> startable() {
        return startable.values();
    }

    private void refresh(String taskId) {
        Integer position = priority.get(taskId);
        if (position == null) {
            return;
        }
        if (states.get(taskId) == TaskState.PENDING && unsettledParents.get(taskId) == 0) {
            startable.put(position, shape.byPriority().get(position));
        } else {
            startable.remove(position);
        }
    }
}
