package dev.orrery.run;

import dev.orrery.model.Dependency;
import dev.orrery.model.Plan;
import dev.orrery.model.Task;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of a plan's DAG the scheduler and the control verbs need: parents, descendants and the start
 * priority (heaviest first, ties by topological order). Built once per plan in O(V + E); immutable and
 * thread-safe.
 */
final class PlanShape {
    private final Plan plan;
    private final Map<String, Integer> topoIndex = new HashMap<>();
    private final Map<String, List<String>> parents = new HashMap<>();
    private final Map<String, List<String>> children = new HashMap<>();
    private final List<Task> priority;

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
        return reach(List.of(taskId), children);
    }

    /**
     * The sub-graph between {@code starts} and {@code ends}: tasks that are a start or a descendant of one,
     * and an end or an ancestor of one. An empty side means "no limit on that side".
     */
    Set<String> between(Collection<String> starts, Collection<String> ends) {
        Set<String> from = new LinkedHashSet<>();
        if (starts.isEmpty()) {
            plan.tasks().forEach(t -> from.add(t.id()));
        } else {
            from.addAll(starts);
            from.addAll(reach(starts, children));
        }
        Set<String> to = new LinkedHashSet<>();
        if (ends.isEmpty()) {
            plan.tasks().forEach(t -> to.add(t.id()));
        } else {
            to.addAll(ends);
            to.addAll(reach(ends, parents));
        }
        Set<String> inside = new LinkedHashSet<>();
        for (Task task : plan.tasks()) {
            if (from.contains(task.id()) && to.contains(task.id())) {
                inside.add(task.id());
            }
        }
        return inside;
    }

    private List<String> reach(Collection<String> roots, Map<String, List<String>> next) {
        Set<String> seen = new LinkedHashSet<>();
        var queue = new ArrayDeque<>(roots);
        while (!queue.isEmpty()) {
            for (String n : next.getOrDefault(queue.poll(), List.of())) {
                if (seen.add(n)) {
                    queue.add(n);
                }
            }
        }
        return plan.tasks().stream().map(Task::id).filter(seen::contains).toList();
    }
}
