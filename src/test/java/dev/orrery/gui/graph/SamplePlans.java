package dev.orrery.gui.graph;

import dev.orrery.model.Dependency;
import dev.orrery.model.Plan;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.Task;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A small named deployment to look at and to click through in tests. */
public final class SamplePlans {
    private SamplePlans() {
    }

    static Task task(String resource, ResourceKind kind, String action, String host) {
        return new Task(Task.idOf(resource, action, host), resource, kind, action, host, List.of(), Map.of(), null, 0,
                Duration.ofMinutes(1), List.of(), 0);
    }

    /**
     * firewall → postgres → api (build, then deploy on web-1/web-2) → frontend; redis → api; api → worker;
     * reduced edges plus one implied edge (firewall → api deploys) in the declared set.
     */
    public static Plan deployment() {
        List<Task> tasks = new ArrayList<>();
        tasks.add(task("firewall", ResourceKind.RESOURCE, "run", "db-1"));
        tasks.add(task("postgres", ResourceKind.RESOURCE, "update", "db-1"));
        tasks.add(task("redis", ResourceKind.RESOURCE, "run", "cache-1"));
        tasks.add(task("api", ResourceKind.COMPONENT, "build", "build-1"));
        tasks.add(task("api", ResourceKind.COMPONENT, "deploy", "web-1"));
        tasks.add(task("api", ResourceKind.COMPONENT, "deploy", "web-2"));
        tasks.add(task("worker", ResourceKind.COMPONENT, "deploy", "web-1"));
        tasks.add(task("frontend", ResourceKind.RESOURCE, "update", "web-1"));
        tasks.add(task("frontend", ResourceKind.RESOURCE, "update", "web-2"));
        List<Dependency> edges = List.of(
                dep("firewall.run@db-1", "postgres.update@db-1"),
                dep("postgres.update@db-1", "api.deploy@web-1"),
                dep("postgres.update@db-1", "api.deploy@web-2"),
                dep("redis.run@cache-1", "api.deploy@web-1"),
                dep("redis.run@cache-1", "api.deploy@web-2"),
                dep("api.build@build-1", "api.deploy@web-1"),
                dep("api.build@build-1", "api.deploy@web-2"),
                dep("api.deploy@web-1", "worker.deploy@web-1"),
                dep("api.deploy@web-2", "worker.deploy@web-1"),
                dep("api.deploy@web-1", "frontend.update@web-1"),
                dep("api.deploy@web-2", "frontend.update@web-2"));
        List<Dependency> declared = new ArrayList<>(edges);
        declared.add(dep("firewall.run@db-1", "api.deploy@web-1"));
        declared.add(dep("firewall.run@db-1", "api.deploy@web-2"));
        return new Plan("sample-plan", Instant.EPOCH, "staging", tasks, edges, declared, List.of());
    }

    /** The deployment plus monitoring, a CDN purge and smoke tests: enough tasks to show every state. */
    public static Plan richDeployment() {
        Plan base = deployment();
        List<Task> tasks = new ArrayList<>(base.tasks());
        tasks.add(task("metrics", ResourceKind.RESOURCE, "update", "db-1"));
        tasks.add(task("cdn", ResourceKind.RESOURCE, "purge", "edge-1"));
        tasks.add(task("smoke-test", ResourceKind.JOB, "run", "web-1"));
        tasks.add(task("smoke-test", ResourceKind.JOB, "run", "web-2"));
        List<Dependency> edges = new ArrayList<>(base.edges());
        edges.add(dep("postgres.update@db-1", "metrics.update@db-1"));
        edges.add(dep("frontend.update@web-1", "cdn.purge@edge-1"));
        edges.add(dep("frontend.update@web-2", "cdn.purge@edge-1"));
        edges.add(dep("frontend.update@web-1", "smoke-test.run@web-1"));
        edges.add(dep("frontend.update@web-2", "smoke-test.run@web-2"));
        List<Dependency> declared = new ArrayList<>(base.declaredEdges());
        declared.addAll(edges.subList(base.edges().size(), edges.size()));
        return new Plan("rich-plan", Instant.EPOCH, "prod", tasks, edges, declared, List.of());
    }

    private static Dependency dep(String parent, String child) {
        return new Dependency(parent, child);
    }
}
