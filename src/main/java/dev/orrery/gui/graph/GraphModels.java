package dev.orrery.gui.graph;

import dev.orrery.graph.ResourceEdge;
import dev.orrery.graph.ResourceGraph;
import dev.orrery.model.Dependency;
import dev.orrery.model.Plan;
import dev.orrery.model.Resource;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.Task;
import dev.orrery.model.Workspace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Builds the {@link GraphModel}s of the three views from a {@link Plan} (and, when given, the {@link Workspace}
 * that tells which edges are the files' {@code wait-for} lists), or from a workspace alone before anything is
 * staged. Pure functions, O(n + m) apart from the reduction of resource edges (O(m · (n + m)) on resources).
 */
public final class GraphModels {
    private GraphModels() {
    }

    /** One node per task, the plan's reduced and declared edges. */
    public static GraphModel tasks(Plan plan, Workspace workspace) {
        return taskModel(ViewKind.TASKS, "Tasks", plan, t -> true, workspace);
    }

    /** The tasks of one resource (what double-clicking a resource opens), with the edges among them. */
    public static GraphModel tasksOf(Plan plan, String resource, Workspace workspace) {
        return taskModel(ViewKind.TASKS, resource, plan, t -> t.resource().equals(resource), workspace);
    }

    /** One node per task, laid out in one lane per host. */
    public static GraphModel hosts(Plan plan, Workspace workspace) {
        return taskModel(ViewKind.HOSTS, "Hosts", plan, t -> true, workspace);
    }

    /** One node per resource of the plan; an edge where a task of one waits for a task of the other. */
    public static GraphModel resources(Plan plan, Workspace workspace) {
        Map<String, List<String>> tasksByResource = new LinkedHashMap<>();
        Map<String, Task> first = new LinkedHashMap<>();
        for (Task t : plan.tasks()) {
            tasksByResource.computeIfAbsent(t.resource(), k -> new ArrayList<>()).add(t.id());
            first.putIfAbsent(t.resource(), t);
        }
        Map<String, Task> byId = plan.tasksById();
        List<GraphNode> nodes = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : tasksByResource.entrySet()) {
            Task t = first.get(e.getKey());
            int hosts = (int) e.getValue().stream().map(id -> byId.get(id).host()).distinct().count();
            nodes.add(new GraphNode(e.getKey(), e.getKey(), describe(t.kind(), e.getValue().size(), hosts),
                    t.kind(), e.getKey(), null, e.getValue()));
        }
        Set<GraphEdge> all = new LinkedHashSet<>();
        for (Dependency d : union(plan.edges(), plan.declaredEdges())) {
            String a = byId.get(d.parent()).resource();
            String b = byId.get(d.child()).resource();
            if (!a.equals(b)) {
                all.add(new GraphEdge(a, b));
            }
        }
        List<String> ids = nodes.stream().map(GraphNode::id).toList();
        List<GraphEdge> allEdges = new ArrayList<>(all);
        return new GraphModel(ViewKind.RESOURCES, "Resources", nodes, EdgeReduction.reduce(ids, allEdges), allEdges,
                waitFor(workspace), plan);
    }

    /**
     * One node per resource, component and job of a workspace, before anything is staged: the edges of
     * {@link ResourceGraph} (wait-for, input links, reuse-from, orchestration order).
     *
     * @throws dev.orrery.graph.CycleException if the workspace's dependencies go round
     */
    public static GraphModel resources(Workspace workspace) {
        ResourceGraph graph = ResourceGraph.of(workspace);
        List<GraphNode> nodes = new ArrayList<>();
        for (String name : graph.nodes()) {
            Resource r = graph.resource(name);
            int hosts = workspace.targetsOf(r).size();
            nodes.add(new GraphNode(name, name, describe(r.kind(), 0, hosts), r.kind(), name, null, List.of()));
        }
        return new GraphModel(ViewKind.RESOURCES, "Resources", nodes, edgesOf(graph.edges()),
                edgesOf(graph.declaredEdges()), waitFor(workspace));
    }

    private static List<GraphEdge> edgesOf(List<ResourceEdge> edges) {
        return edges.stream().map(e -> new GraphEdge(e.parent(), e.child())).toList();
    }

    private static GraphModel taskModel(ViewKind view, String title, Plan plan, Predicate<Task> keep,
                                        Workspace workspace) {
        List<GraphNode> nodes = new ArrayList<>();
        Set<String> kept = new LinkedHashSet<>();
        for (Task t : plan.tasks()) {
            if (keep.test(t)) {
                nodes.add(new GraphNode(t.id(), t.resource(), t.action() + " @ " + t.host(), t.kind(), t.resource(),
                        t.host(), List.of(t.id())));
                kept.add(t.id());
            }
        }
        List<GraphEdge> edges = new ArrayList<>();
        for (Dependency d : plan.edges()) {
            if (kept.contains(d.parent()) && kept.contains(d.child())) {
                edges.add(new GraphEdge(d.parent(), d.child()));
            }
        }
        List<GraphEdge> all = new ArrayList<>();
        for (Dependency d : union(plan.edges(), plan.declaredEdges())) {
            if (kept.contains(d.parent()) && kept.contains(d.child())) {
                all.add(new GraphEdge(d.parent(), d.child()));
            }
        }
        return new GraphModel(view, title, nodes, edges, all, waitFor(workspace), plan);
    }

    private static String describe(ResourceKind kind, int tasks, int hosts) {
        String what = switch (kind) {
            case RESOURCE -> "resource";
            case COMPONENT -> "component";
            case JOB -> "job";
        };
        if (tasks > 0) {
            return what + " · " + tasks + (tasks == 1 ? " task" : " tasks");
        }
        return what + " · " + hosts + (hosts == 1 ? " host" : " hosts");
    }

    private static Map<String, List<String>> waitFor(Workspace workspace) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        if (workspace != null) {
            for (Resource r : workspace.resources()) {
                map.put(r.name(), r.waitFor());
            }
        }
        return map;
    }

    private static Set<Dependency> union(List<Dependency> a, List<Dependency> b) {
        Set<Dependency> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }
}
