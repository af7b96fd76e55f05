package dev.orrery.run;

import dev.orrery.graph.TaskGraph;
import dev.orrery.model.Dependency;
import dev.orrery.model.Plan;
import dev.orrery.model.Task;
import dev.orrery.model.TaskState;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of a plan's DAG the scheduler and the control verbs need: parents, children and the start
 * priority (heaviest first, ties by topological order); descendants, sub-graphs and blocked tasks come from
 * {@link TaskGraph}, the one home of those questions. Built once per plan in O(V + E); thread-safe.
 */
final class PlanShape {
    private final Plan plan;
    private final Map<String, Integer> topoIndex = new HashMap<>();
    private final Map<String, List<String>> parents = new HashMap<>();
    private final Map<String, List<String>> children = new HashMap<>();
    private final List<Task> priority;
    private TaskGraph graph;

    PlanShape(Plan plan) {
        this.plan = plan;
        List<Task> tasks = plan.tasks();
        for (int i = 0; i < tasks.size(); i++) {
            topoIndex.put(tasks.get(i).id(), i);
            parents.put(tasks.get(i).id(), new ArrayList<>());
            children.put(tasks.get(i).id(), new ArrayList<>());
        }
        for (Dependency edge : plan.edges()) {
            if (topoIndex.containsKey(edge.parent()) && topoIndex.containsKey(edge.child())) {
                parents.get(edge.child()).add(edge.parent());
                children.get(edge.parent()).add(edge.child());
            }
        }
        priority = tasks.stream()
                .sorted(Comparator.comparingInt(Task::weight).reversed()
                        .thenComparingInt(t -> topoIndex.get(t.id())))
                .toList();
    }

    Plan plan() {
        return plan;
    }

    boolean contains(String taskId) {
        return topoIndex.containsKey(taskId);
    }

    List<String> parentsOf(String taskId) {
        return parents.getOrDefault(taskId, List.of());
    }

    List<String> childrenOf(String taskId) {
        return children.getOrDefault(taskId, List.of());
    }

    /** Tasks in start priority: most descendants first, then topological order. */
    List<Task> byPriority() {
        return priority;
    }

    /** Every task reachable from {@code taskId} (not including it), in topological order. */
    List<String> descendantsOf(String taskId) {
        return graph().descendants(taskId);
    }

    /**
     * The sub-graph between {@code starts} and {@code ends}: tasks that are a start or a descendant of one,
     * and an end or an ancestor of one. An empty side means "no limit on that side".
     */
    Set<String> between(Collection<String> starts, Collection<String> ends) {
        return graph().filter(starts, ends);
    }

    /** The PENDING tasks that cannot start and what holds them back ({@link TaskGraph#blockage}). */
    TaskGraph.Blockage blockage(Map<String, TaskState> states) {
        return graph().blockage(states);
    }

    /** Built on first use: the scheduler needs only parents, children and priority; control verbs need more. */
    private synchronized TaskGraph graph() {
        if (graph == null) {
            graph = TaskGraph.of(plan);
        }
        return graph;
    }
}
