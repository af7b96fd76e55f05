package dev.orrery.gui.graph;

import dev.orrery.model.Dependency;
import dev.orrery.model.Input;
import dev.orrery.model.Plan;
import dev.orrery.model.Resource;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.Task;
import dev.orrery.model.Workspace;

import java.util.ArrayList;
import java.util.Comparator;
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
                waitFor(workspace));
    }

    /**
     * One node per resource, component and job of a workspace, before anything is staged: edges from
     * {@code wait-for}, from input links, and from the order of orchestration jobs.
     */
    public static GraphModel resources(Workspace workspace) {
        List<GraphNode> nodes = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (Resource r : workspace.resources()) {
            int hosts = workspace.targetsOf(r).size();
            nodes.add(new GraphNode(r.name(), r.name(), describe(r.kind(), 0, hosts), r.kind(), r.name(), null,
                    List.of()));
            names.add(r.name());
        }
        Set<GraphEdge> all = new LinkedHashSet<>();
        for (Resource r : workspace.resources()) {
            for (String parent : r.waitFor()) {
                if (names.contains(parent) && !parent.equals(r.name())) {
                    all.add(new GraphEdge(parent, r.name()));
                }
            }
            for (Input in : r.inputs().values()) {
                if (in.isLink() && names.contains(in.linkResource()) && !in.linkResource().equals(r.name())) {
                    all.add(new GraphEdge(in.linkResource(), r.name()));
                }
            }
        }
        all.addAll(jobOrder(workspace.resources()));
        List<GraphEdge> allEdges = new ArrayList<>(all);
        return new GraphModel(ViewKind.RESOURCES, "Resources", nodes,
                EdgeReduction.reduce(List.copyOf(names), allEdges), allEdges, waitFor(workspace));
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
        return new GraphModel(view, title, nodes, edges, all, waitFor(workspace));
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

    /**
     * Jobs of one orchestration entry run in order; an entry waits for the one before unless it is async. Jobs are
     * named {@code <stem>.<entry#>.<job#>}; attributes {@code entry}/{@code index} give the numbers when present.
     */
    private static List<GraphEdge> jobOrder(List<Resource> resources) {
        Map<String, List<Resource>> byFile = new LinkedHashMap<>();
        for (Resource r : resources) {
            if (r.kind() == ResourceKind.JOB) {
                byFile.computeIfAbsent(r.source() == null ? "" : r.source().file().toString(), k -> new ArrayList<>())
                        .add(r);
            }
        }
        List<GraphEdge> edges = new ArrayList<>();
        for (List<Resource> jobs : byFile.values()) {
            jobs.sort(Comparator.comparingInt((Resource r) -> number(r, "entry", 2))
                    .thenComparingInt(r -> number(r, "index", 1)));
            for (int i = 1; i < jobs.size(); i++) {
                Resource before = jobs.get(i - 1);
                Resource job = jobs.get(i);
                boolean sameEntry = number(before, "entry", 2) == number(job, "entry", 2);
                boolean async = "true".equals(job.attributes().get("async"));
                if (sameEntry || !async) {
                    edges.add(new GraphEdge(before.name(), job.name()));
                }
            }
        }
        return edges;
    }

    /** A job's entry or index number: from its attribute, else from its name (1 = last part, 2 = the one before). */
    private static int number(Resource job, String attribute, int fromEnd) {
        String value = job.attributes().get(attribute);
        if (value == null) {
            String[] parts = job.name().split("\\.");
            value = parts.length >= fromEnd ? parts[parts.length - fromEnd] : "0";
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
