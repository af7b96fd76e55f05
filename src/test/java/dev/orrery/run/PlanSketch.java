package dev.orrery.run;

import dev.orrery.model.Dependency;
import dev.orrery.model.Plan;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.Step;
import dev.orrery.model.Task;
import dev.orrery.store.Store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Builds small named test plans by hand (tasks added in topological order), with weights = descendants. */
final class PlanSketch {
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final List<Dependency> edges = new ArrayList<>();
    private String environment = "";

    PlanSketch env(String env) {
        this.environment = env;
        return this;
    }

    /** Adds {@code resource.run@host} running the commands in order; returns its id. */
    String task(String resource, String host, String... commands) {
        return add(resource, ResourceKind.RESOURCE, "run", host, 0, null, List.of(), commands);
    }

    String add(String resource, ResourceKind kind, String action, String host, int retries, Duration timeout,
               List<String> secrets, String... commands) {
        List<Step> steps = java.util.Arrays.stream(commands).<Step>map(Step.Exec::new).toList();
        return add(new Task(Task.idOf(resource, action, host), resource, kind, action, host, steps, Map.of(), null,
                retries, timeout, secrets, 0));
    }

    String add(Task task) {
        tasks.put(task.id(), task);
        return task.id();
    }

    PlanSketch edge(String parent, String child) {
        edges.add(new Dependency(parent, child));
        return this;
    }

    Plan build() {
        Map<String, List<String>> children = new HashMap<>();
        edges.forEach(e -> children.computeIfAbsent(e.parent(), k -> new ArrayList<>()).add(e.child()));
        List<Task> weighted = tasks.values().stream()
                .map(t -> t.withWeight(descendants(t.id(), children).size())).toList();
        return new Plan(UUID.randomUUID().toString(), Instant.now(), environment, weighted, edges, edges, List.of());
    }

    Plan save(Store store) {
        Plan plan = build();
        store.plans().save(plan, Map.of());
        return plan;
    }

    private static Set<String> descendants(String id, Map<String, List<String>> children) {
        Set<String> seen = new HashSet<>();
        var todo = new ArrayList<>(children.getOrDefault(id, List.of()));
        while (!todo.isEmpty()) {
            String next = todo.remove(todo.size() - 1);
            if (seen.add(next)) {
                todo.addAll(children.getOrDefault(next, List.of()));
            }
        }
        return seen;
    }
}
