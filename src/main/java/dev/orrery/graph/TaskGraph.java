package dev.orrery.graph;

import dev.orrery.model.Dependency;
import dev.orrery.model.Plan;
import dev.orrery.model.Task;
import dev.orrery.model.TaskState;
import org.jgrapht.Graph;
import org.jgrapht.graph.AsUnmodifiableGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedAcyclicGraph;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * A plan as a JGraphT {@link DirectedAcyclicGraph} of task ids over its reduced edges (parent → child), with
 * the questions the runner, the command line and the GUI ask of it.
 *
 * <p>Every answer that is a collection of task ids lists them in the graph's topological order, which is the
 * plan's task order when that order is topological (plans built by {@link PlanBuilder} always are), so answers
 * are deterministic.
 *
 * <p>Complexity: building is {@code O(V log V + E)}; parents/children are {@code O(degree)}; descendants,
 * ancestors, filter, blocked and the critical path are {@code O(V + E)} (plus sorting the answer).
 * Thread safety: immutable after construction; safe to share between threads.
 */
public final class TaskGraph {
    private final Plan plan;
    private final Map<String, Task> tasks;
    private final DirectedAcyclicGraph<String, DefaultEdge> dag;
    private final List<String> order;
    private final Map<String, Integer> position;

    private TaskGraph(Plan plan) {
        this.plan = plan;
        this.tasks = plan.tasksById();
        if (tasks.size() != plan.tasks().size()) {
            throw new IllegalArgumentException("plan " + plan.uid() + " has two tasks with the same id");
        }
        this.order = topologicalOrder(plan, tasks);
        this.position = new HashMap<>(order.size() * 2);
        this.dag = new DirectedAcyclicGraph<>(DefaultEdge.class);
        for (String id : order) {
            position.put(id, position.size());
            dag.addVertex(id);
        }
        for (Dependency edge : plan.edges()) {
            dag.addEdge(edge.parent(), edge.child());
        }
    }

    /**
     * @throws IllegalArgumentException if an edge names a task the plan does not have, the edges make a cycle, or
     *                                  two tasks share an id
     */
    public static TaskGraph of(Plan plan) {
        return new TaskGraph(Objects.requireNonNull(plan, "plan"));
    }

    public Plan plan() {
        return plan;
    }

    /** The task with this id. */
    public Task task(String id) {
        Task task = tasks.get(id);
        if (task == null) {
            throw new IllegalArgumentException("plan " + plan.uid() + " has no task '" + id + "'");
        }
        return task;
    }

    public boolean contains(String id) {
        return tasks.containsKey(id);
    }

    /** A read-only view of the reduced DAG (vertices are task ids). */
    public Graph<String, DefaultEdge> graph() {
        return new AsUnmodifiableGraph<>(dag);
    }

    /** Every task id, parents before children; ties in plan order. */
    public List<String> topologicalOrder() {
        return order;
    }

    public List<String> parents(String id) {
        task(id);
        return sorted(dag.incomingEdgesOf(id).stream().map(dag::getEdgeSource).toList());
    }

    public List<String> children(String id) {
        task(id);
        return sorted(dag.outgoingEdgesOf(id).stream().map(dag::getEdgeTarget).toList());
    }

    /** Every task reachable from {@code id}, itself excluded. */
    public List<String> descendants(String id) {
        Set<String> reached = reach(List.of(id), true);
        reached.remove(id);
        return sorted(reached);
    }

    /** Every task from which {@code id} is reachable, itself excluded. */
    public List<String> ancestors(String id) {
        Set<String> reached = reach(List.of(id), false);
        reached.remove(id);
        return sorted(reached);
    }

    /**
     * The tasks on some path from a start to an end ({@code orch filter -s ... -e ...}), starts and ends
     * included. No starts means "from any task", no ends "to any task".
     *
     * @throws IllegalArgumentException if a start or end is not a task of the plan
     */
    public Set<String> filter(Collection<String> starts, Collection<String> ends) {
        starts.forEach(this::task);
        ends.forEach(this::task);
        Set<String> fromStarts = starts.isEmpty() ? tasks.keySet() : reach(starts, true);
        Set<String> toEnds = ends.isEmpty() ? tasks.keySet() : reach(ends, false);
        List<String> both = fromStarts.stream().filter(toEnds::contains).toList();
        return new LinkedHashSet<>(sorted(both));
    }

    /**
     * Why PENDING tasks cannot start. The one definition of "blocked" the runner's end reason, the reports, the
     * DOT drawing and the GUI (graph, chips, progress bar) share: a PENDING task is blocked when a parent is ERROR
     * (until it is retried), SKIPPED (until it is resumed or marked done) or itself blocked.
     *
     * @param tasks    the blocked tasks, in topological order
     * @param blockers the ERROR and SKIPPED tasks that hold a blocked task back directly, in topological order
     */
    public record Blockage(Set<String> tasks, Set<String> blockers) {
        public Blockage {
            tasks = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(tasks));
            blockers = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(blockers));
        }

        public boolean isEmpty() {
            return tasks.isEmpty();
        }
    }

    /**
     * The blocked tasks and what blocks them (see {@link Blockage}). O(V + E).
     *
     * @param states task states by id; a missing task counts as PENDING
     */
    public Blockage blockage(Map<String, TaskState> states) {
        Set<String> blocked = new LinkedHashSet<>();
        Set<String> blockers = new java.util.HashSet<>();
        for (String id : order) {
            if (states.getOrDefault(id, TaskState.PENDING) != TaskState.PENDING) {
                continue;
            }
            for (DefaultEdge edge : dag.incomingEdgesOf(id)) {
                String parent = dag.getEdgeSource(edge);
                TaskState state = states.getOrDefault(parent, TaskState.PENDING);
                if (state == TaskState.ERROR || state == TaskState.SKIPPED) {
                    blockers.add(parent);
                    blocked.add(id);
                } else if (blocked.contains(parent)) {
                    blocked.add(id);
                }
            }
        }
        return new Blockage(blocked, new LinkedHashSet<>(sorted(blockers)));
    }

    /** The blocked tasks of {@link #blockage}, in topological order. */
    public Set<String> blocked(Map<String, TaskState> states) {
        return blockage(states).tasks();
    }

    /**
     * The longest chain of tasks by total duration: the tasks that decide how long the plan takes.
     *
     * @param tasks  on the path, parents first
     * @param length the sum of their durations
     */
    public record CriticalPath(List<String> tasks, Duration length) {
        public CriticalPath {
            tasks = List.copyOf(tasks);
        }
    }

    /**
     * The critical path for the given task durations (a missing or null duration counts as zero). Ties go to
     * the task earlier in the topological order. An empty plan has an empty path of length zero.
     */
    public CriticalPath criticalPath(Map<String, Duration> durations) {
        Map<String, Long> finish = new HashMap<>(order.size() * 2);
        Map<String, String> via = new HashMap<>();
        String last = null;
        for (String id : order) {
            String bestParent = null;
            long bestStart = 0;
            for (String parent : parents(id)) {
                long parentFinish = finish.get(parent);
                if (bestParent == null || parentFinish > bestStart) {
                    bestParent = parent;
                    bestStart = parentFinish;
                }
            }
            Duration own = durations.get(id);
            long end = bestStart + (own == null ? 0 : own.toNanos());
            finish.put(id, end);
            if (bestParent != null) {
                via.put(id, bestParent);
            }
            if (last == null || end > finish.get(last)) {
                last = id;
            }
        }
        List<String> path = new ArrayList<>();
        for (String at = last; at != null; at = via.get(at)) {
            path.add(0, at);
        }
        return new CriticalPath(path, Duration.ofNanos(last == null ? 0 : finish.get(last)));
    }

    /** The given tasks and every task reachable from them, forward (children) or backward (parents). */
    private Set<String> reach(Collection<String> from, boolean forward) {
        from.forEach(this::task);
        Set<String> seen = new LinkedHashSet<>(from);
        Deque<String> queue = new ArrayDeque<>(from);
        while (!queue.isEmpty()) {
            String current = queue.poll();
            for (DefaultEdge edge : forward ? dag.outgoingEdgesOf(current) : dag.incomingEdgesOf(current)) {
                String next = forward ? dag.getEdgeTarget(edge) : dag.getEdgeSource(edge);
                if (seen.add(next)) {
                    queue.add(next);
                }
            }
        }
        return seen;
    }

    private List<String> sorted(Collection<String> ids) {
        List<String> list = new ArrayList<>(ids);
        list.sort((a, b) -> Integer.compare(position.get(a), position.get(b)));
        return list;
    }

    /** Kahn's algorithm over the plan's edges, ties in plan order (so a topological plan order is kept). */
    private static List<String> topologicalOrder(Plan plan, Map<String, Task> tasks) {
        Map<String, Integer> index = new HashMap<>(tasks.size() * 2);
        plan.tasks().forEach(t -> index.put(t.id(), index.size()));
        int n = index.size();
        List<List<Integer>> successors = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            successors.add(new ArrayList<>());
        }
        int[] inDegree = new int[n];
        for (Dependency edge : plan.edges()) {
            Integer parent = index.get(edge.parent());
            Integer child = index.get(edge.child());
            if (parent == null || child == null) {
                throw new IllegalArgumentException("plan " + plan.uid() + " has an edge to an unknown task: "
                        + edge.parent() + " → " + edge.child());
            }
            successors.get(parent).add(child);
            inDegree[child]++;
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            if (inDegree[i] == 0) {
                ready.add(i);
            }
        }
        List<String> order = new ArrayList<>(n);
        while (!ready.isEmpty()) {
            int u = ready.poll();
            order.add(plan.tasks().get(u).id());
            for (int v : successors.get(u)) {
                if (--inDegree[v] == 0) {
                    ready.add(v);
                }
            }
        }
        if (order.size() < n) {
            throw new IllegalArgumentException("plan " + plan.uid() + " has a cycle among its edges");
        }
        return List.copyOf(order);
    }
}
