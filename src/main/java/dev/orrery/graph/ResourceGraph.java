package dev.orrery.graph;

import dev.orrery.model.Input;
import dev.orrery.model.Resource;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.Workspace;
import org.jgrapht.Graph;
import org.jgrapht.graph.AsUnmodifiableGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedAcyclicGraph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * The workspace at resource level, for the GUI's resource view and for wait-for editing: one node per resource,
 * component and orchestration job, an edge {@code parent → child} when the child waits for the parent (its
 * {@code wait-for}, a linked input, {@code reuse-from}, or orchestration order).
 *
 * <p>{@link #edges()} is the transitive reduction (what to draw), {@link #declaredEdges()} every edge. Nodes are
 * in a deterministic topological order, ties in workspace order.
 *
 * <p>Complexity: {@code O(V log V + E·V/64)} to build; {@link #cycleIfWaitFor} is {@code O(V + E)}.
 * Thread safety: immutable; safe to share between threads.
 */
public final class ResourceGraph {
    private final Map<String, Resource> resources;
    private final List<String> order;
    private final List<ResourceEdge> declared;
    private final List<ResourceEdge> reduced;
    private final DirectedAcyclicGraph<String, DefaultEdge> dag;

    private ResourceGraph(Map<String, Resource> resources, List<String> order, List<ResourceEdge> declared,
                          List<ResourceEdge> reduced) {
        this.resources = resources;
        this.order = order;
        this.declared = declared;
        this.reduced = reduced;
        this.dag = new DirectedAcyclicGraph<>(DefaultEdge.class);
        order.forEach(dag::addVertex);
        reduced.forEach(e -> dag.addEdge(e.parent(), e.child()));
    }

    /**
     * @throws CycleException if the workspace's dependencies go round (the loader reports this too, with file
     *                        positions; this is the safety net)
     */
    public static ResourceGraph of(Workspace workspace) {
        Objects.requireNonNull(workspace, "workspace");
        Map<String, Resource> byName = new LinkedHashMap<>();
        workspace.resources().forEach(r -> byName.putIfAbsent(r.name(), r));
        List<String> names = new ArrayList<>(byName.keySet());
        Map<String, Integer> index = new HashMap<>(names.size() * 2);
        names.forEach(n -> index.put(n, index.size()));

        Map<Long, ResourceEdge> edges = new LinkedHashMap<>();
        for (Resource resource : byName.values()) {
            for (String parent : resource.waitFor()) {
                add(edges, index, parent, resource.name(), ResourceEdge.Kind.WAIT_FOR);
            }
            for (Input input : resource.inputs().values()) {
                if (input.isLink()) {
                    add(edges, index, input.linkResource(), resource.name(), ResourceEdge.Kind.LINK);
                }
            }
            Dependencies.reuseFrom(resource, byName).ifPresent(
                    source -> add(edges, index, source, resource.name(), ResourceEdge.Kind.REUSE_FROM));
        }
        addJobOrder(byName.values(), edges, index);

        int n = names.size();
        List<List<Integer>> successors = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            successors.add(new ArrayList<>());
        }
        edges.values().forEach(e -> successors.get(index.get(e.parent())).add(index.get(e.child())));
        int[] order = topologicalOrder(successors, names);
        int[] position = new int[n];
        for (int p = 0; p < n; p++) {
            position[order[p]] = p;
        }
        int[][] ordered = new int[n][];
        for (int p = 0; p < n; p++) {
            ordered[p] = successors.get(order[p]).stream().mapToInt(v -> position[v]).sorted().toArray();
        }
        TransitiveReduction.Result result = TransitiveReduction.reduce(ordered);
        List<String> sortedNames = new ArrayList<>(n);
        for (int p = 0; p < n; p++) {
            sortedNames.add(names.get(order[p]));
        }
        List<ResourceEdge> declared = new ArrayList<>();
        List<ResourceEdge> reduced = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            int[] kept = result.successors()[p];
            for (int q : ordered[p]) {
                ResourceEdge edge = edges.get(key(order[p], order[q]));
                declared.add(edge);
                if (java.util.Arrays.binarySearch(kept, q) >= 0) {
                    reduced.add(edge);
                }
            }
        }
        return new ResourceGraph(Collections.unmodifiableMap(byName), List.copyOf(sortedNames),
                List.copyOf(declared), List.copyOf(reduced));
    }

    /** Resource names, parents before children. */
    public List<String> nodes() {
        return order;
    }

    public Resource resource(String name) {
        Resource resource = resources.get(name);
        if (resource == null) {
            throw new IllegalArgumentException("no resource, component or job named '" + name + "'");
        }
        return resource;
    }

    public ResourceKind kindOf(String name) {
        return resource(name).kind();
    }

    /** The transitively reduced edges, by parent then child in topological order. */
    public List<ResourceEdge> edges() {
        return reduced;
    }

    /** Every edge the workspace declares (one per pair; wait-for wins over link when both say it). */
    public List<ResourceEdge> declaredEdges() {
        return declared;
    }

    /** A read-only view of the reduced DAG (vertices are resource names). */
    public Graph<String, DefaultEdge> graph() {
        return new AsUnmodifiableGraph<>(dag);
    }

    /**
     * Whether making {@code waiter} wait for {@code dependency} would close a cycle, and if so the whole cycle
     * read as "waits for", starting and ending with {@code waiter}: {@code [waiter, dependency, ..., waiter]}.
     * The shortest such cycle is returned.
     *
     * @throws IllegalArgumentException if either name is unknown
     */
    public Optional<List<String>> cycleIfWaitFor(String waiter, String dependency) {
        resource(waiter);
        resource(dependency);
        if (waiter.equals(dependency)) {
            return Optional.of(List.of(waiter, waiter));
        }
        // dependency already waits, step by step, for waiter? Walk from dependency towards its parents.
        Map<String, String> cameFrom = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(dependency));
        cameFrom.put(dependency, null);
        while (!queue.isEmpty()) {
            String current = queue.poll();
            if (current.equals(waiter)) {
                List<String> cycle = new ArrayList<>();
                for (String at = current; at != null; at = cameFrom.get(at)) {
                    cycle.add(0, at);
                }
                cycle.add(0, waiter);
                return Optional.of(List.copyOf(cycle));
            }
            for (DefaultEdge edge : dag.incomingEdgesOf(current)) {
                String parent = dag.getEdgeSource(edge);
                if (!cameFrom.containsKey(parent)) {
                    cameFrom.put(parent, current);
                    queue.add(parent);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * As {@link #cycleIfWaitFor}, throwing instead.
     *
     * @throws CycleException if the new edge would close a cycle; the message is the whole cycle
     */
    public void requireNoCycleIfWaitFor(String waiter, String dependency) {
        cycleIfWaitFor(waiter, dependency).ifPresent(cycle -> {
            throw new CycleException(cycle);
        });
    }

    private static long key(int parent, int child) {
        return ((long) parent << 32) | child;
    }

    private static void add(Map<Long, ResourceEdge> edges, Map<String, Integer> index, String parent, String child,
                            ResourceEdge.Kind kind) {
        Integer from = index.get(parent);
        Integer to = index.get(child);
        if (from == null || to == null) {
            return; // an unknown name: the loader reports it with its file position
        }
        edges.putIfAbsent(key(from, to), new ResourceEdge(parent, child, kind));
    }

    /** Directord's order at resource level: each job after the previous one, each entry after the previous one. */
    private static void addJobOrder(Iterable<Resource> all, Map<Long, ResourceEdge> edges, Map<String, Integer> index) {
        Map<String, TreeMap<Integer, TreeMap<Integer, Resource>>> files = new LinkedHashMap<>();
        Map<String, Map<Integer, Boolean>> async = new HashMap<>();
        for (Resource resource : all) {
            if (resource.kind() == ResourceKind.JOB) {
                Dependencies.JobPosition p = Dependencies.jobPosition(resource);
                files.computeIfAbsent(p.file(), f -> new TreeMap<>()).computeIfAbsent(p.entry(), e -> new TreeMap<>())
                        .put(p.index(), resource);
                async.computeIfAbsent(p.file(), f -> new HashMap<>()).merge(p.entry(), p.async(), Boolean::logicalOr);
            }
        }
        files.forEach((file, entries) -> {
            Resource barrier = null;
            for (Map.Entry<Integer, TreeMap<Integer, Resource>> entry : entries.entrySet()) {
                Resource previous = null;
                for (Resource job : entry.getValue().values()) {
                    if (previous != null) {
                        add(edges, index, previous.name(), job.name(), ResourceEdge.Kind.JOB_ORDER);
                    }
                    previous = job;
                }
                if (async.get(file).get(entry.getKey())) {
                    continue;
                }
                if (barrier != null) {
                    add(edges, index, barrier.name(), entry.getValue().firstEntry().getValue().name(),
                            ResourceEdge.Kind.JOB_ORDER);
                }
                barrier = previous;
            }
        });
    }

    private static int[] topologicalOrder(List<List<Integer>> successors, List<String> names) {
        int n = names.size();
        int[] inDegree = new int[n];
        successors.forEach(row -> row.forEach(v -> inDegree[v]++));
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int v = 0; v < n; v++) {
            if (inDegree[v] == 0) {
                ready.add(v);
            }
        }
        int[] order = new int[n];
        boolean[] placed = new boolean[n];
        int count = 0;
        while (!ready.isEmpty()) {
            int u = ready.poll();
            order[count++] = u;
            placed[u] = true;
            for (int v : successors.get(u)) {
                if (--inDegree[v] == 0) {
                    ready.add(v);
                }
            }
        }
        if (count < n) {
            int[][] rows = successors.stream().map(r -> r.stream().mapToInt(Integer::intValue).toArray())
                    .toArray(int[][]::new);
            throw Cycles.afterSort(rows, placed, names::get);
        }
        return order;
    }
}
