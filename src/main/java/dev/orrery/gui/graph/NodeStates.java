package dev.orrery.gui.graph;

import dev.orrery.graph.TaskGraph;
import dev.orrery.model.TaskState;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns task states into what each node of a {@link GraphModel} shows: a task node its state, or BLOCKED when the
 * plan's {@link TaskGraph#blockage} says so (the rule the reports, the chips and the runner use); a resource node the most telling state of
 * its tasks (error, then retry, running, blocked; success or no-op when all are done; skipped when all are; else
 * pending). Tasks without a known state are PENDING.
 *
 * <p>Cost: O(n + m) per {@link #compute} over the plan's tasks and edges. Not thread-safe; immutable model.
 */
public final class NodeStates {
    private final GraphModel model;
    private TaskGraph graph;
    private final Map<String, GraphNode> byTask = new HashMap<>();

    public NodeStates(GraphModel model) {
        this.model = model;
        for (GraphNode n : model.nodes()) {
            for (String t : n.taskIds()) {
                byTask.put(t, n);
            }
        }
    }

    /** @param tasks every known task state by task id (others count as PENDING) */
    public Map<String, DisplayState> compute(Map<String, TaskState> tasks) {
        return compute(tasks, List.of());
    }

    /**
     * As {@link #compute(Map)}, plus the states of extra nodes that stand for tasks of the model (e.g. collapsed
     * groups drawn while zoomed out).
     */
    public Map<String, DisplayState> compute(Map<String, TaskState> tasks, java.util.Collection<GraphNode> extra) {
        Set<String> blocked = blockedTasks(tasks);
        Map<String, DisplayState> out = new HashMap<>();
        for (GraphNode n : model.nodes()) {
            out.put(n.id(), n.isTask() ? taskState(n.id(), tasks, blocked) : resourceState(n, tasks, blocked));
        }
        for (GraphNode n : extra) {
            out.put(n.id(), resourceState(n, tasks, blocked));
        }
        return out;
    }

    private static DisplayState taskState(String id, Map<String, TaskState> tasks, Set<String> blocked) {
        TaskState s = tasks.getOrDefault(id, TaskState.PENDING);
        return s == TaskState.PENDING && blocked.contains(id) ? DisplayState.BLOCKED : DisplayState.of(s);
    }

    private static DisplayState resourceState(GraphNode n, Map<String, TaskState> tasks, Set<String> blocked) {
        if (n.taskIds().isEmpty()) {
            return DisplayState.PENDING;
        }
        int done = 0;
        int noop = 0;
        int skipped = 0;
        boolean running = false;
        boolean retry = false;
        boolean anyBlocked = false;
        for (String id : n.taskIds()) {
            DisplayState s = taskState(id, tasks, blocked);
            switch (s) {
                case ERROR -> {
                    return DisplayState.ERROR;
                }
                case ERROR_RETRY -> retry = true;
                case RUNNING -> running = true;
                case BLOCKED -> anyBlocked = true;
                case SUCCESS -> done++;
                case NOOP -> noop++;
                case SKIPPED -> skipped++;
                case PENDING -> {
                }
            }
        }
        int size = n.taskIds().size();
        if (retry) {
            return DisplayState.ERROR_RETRY;
        } else if (running) {
            return DisplayState.RUNNING;
        } else if (anyBlocked) {
            return DisplayState.BLOCKED;
        } else if (noop == size) {
            return DisplayState.NOOP;
        } else if (done + noop == size) {
            return DisplayState.SUCCESS;
        } else if (skipped == size) {
            return DisplayState.SKIPPED;
        }
        return DisplayState.PENDING;
    }

    /** The plan's blocked tasks, by the one rule ({@link TaskGraph#blockage}); none for a model without a plan. */
    private Set<String> blockedTasks(Map<String, TaskState> tasks) {
        if (model.plan() == null) {
            return Set.of();
        }
        if (graph == null) {
            graph = TaskGraph.of(model.plan());
        }
        return graph.blocked(tasks);
    }
}
