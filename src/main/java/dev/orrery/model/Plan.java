package dev.orrery.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A DAG of tasks with a uid. {@code tasks} are in a deterministic topological order;
 * {@code edges} is the transitively reduced edge set (what the scheduler and the drawings use),
 * {@code declaredEdges} every edge the dependency rules produced.
 *
 * @param changeIds the staged changes this plan was processed from
 */
public record Plan(String uid, Instant created, String environment, List<Task> tasks,
                   List<Dependency> edges, List<Dependency> declaredEdges, List<Long> changeIds) {
    public Plan {
        tasks = List.copyOf(tasks);
        edges = List.copyOf(edges);
        declaredEdges = List.copyOf(declaredEdges);
        changeIds = List.copyOf(changeIds);
    }

    public Map<String, Task> tasksById() {
        return tasks.stream().collect(Collectors.toMap(Task::id, Function.identity(), (a, b) -> a,
                java.util.LinkedHashMap::new));
    }
}
