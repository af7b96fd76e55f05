package dev.orrery.graph;

import dev.orrery.model.Action;
import dev.orrery.model.Change;
import dev.orrery.model.Dependency;
import dev.orrery.model.Host;
import dev.orrery.model.Plan;
import dev.orrery.model.Resource;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.Task;
import dev.orrery.model.Workspace;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Turns staged changes into a plan: a DAG of tasks, one per (resource, action, host).
 *
 * <p>Rules (see docs/decisions/0009-plan-edges.md):
 * <ul>
 *   <li>Hosts: {@link HostSelection} (native targets for the environment; components on {@code build} /
 *       {@code components} hosts; jobs on their targets or every host).</li>
 *   <li>A resource that waits for another (its {@code wait-for}, or an input linked to the other's) has every
 *       task run after every task of the other in the plan; if either task is a {@code remove}, the order is
 *       reversed (dependents go first). Resources outside the plan pass the order on: if A waits for B waits
 *       for C and only A and C are planned, A still waits for C.</li>
 *   <li>Several actions of one resource on one host run in staging order.</li>
 *   <li>Components: staging {@code deploy} adds the component's {@code build} task (none with
 *       {@code reuse-from}); {@code build → deploy}; a reusing component's deploy waits for the source's build
 *       when it is in the plan; {@code wait-for} orders deploys (builds run freely).</li>
 *   <li>Orchestration jobs: {@link JobOrder}.</li>
 * </ul>
 * Tasks come out in a deterministic topological order (ties: the order tasks were first created, i.e. staging
 * order, then inventory order of hosts). {@link Plan#edges()} is the transitive reduction,
 * {@link Plan#declaredEdges()} every edge the rules made; each task's weight is its number of descendants.
 *
 * <p>Complexity: {@code O(T log T + E·T/64)} for T tasks and E generated edges (the reduction dominates).
 * Thread safety: {@link #build} is a pure function of its arguments and may run on any thread.
 */
public final class PlanBuilder {
    private final Map<String, Resource> byName = new HashMap<>();
    private final HostSelection hosts;
    private final List<Draft> drafts = new ArrayList<>();
    private final Map<String, Integer> indexById;
    private final Map<String, List<Integer>> tasksByResource;
    private final IntLists successors = new IntLists();

    /** A task before it has a place in the order. */
    record Draft(String id, Resource resource, String action, Host host, Action definition) {
        boolean isRemove() {
            return Action.REMOVE.equals(action);
        }

        boolean isComponentBuild() {
            return resource.kind() == ResourceKind.COMPONENT && Dependencies.BUILD.equals(action);
        }
    }

    private PlanBuilder(Workspace workspace, String environment, HostPattern limit, int changeCount) {
        workspace.resources().forEach(r -> byName.putIfAbsent(r.name(), r));
        indexById = new HashMap<>(Math.max(16, changeCount * 4));
        tasksByResource = new LinkedHashMap<>(Math.max(16, changeCount * 2));
        hosts = new HostSelection(workspace, environment, limit);
    }

    /**
     * Builds the plan for {@code changes}.
     *
     * @param workspace   the loaded workspace; it must contain every resource a change names (for a resource
     *                    removed from the files, the caller adds the resource rebuilt from its committed state)
     * @param changes     staged changes, in staging order; a repeated (resource, action) counts once
     * @param environment keep only hosts tagged with it; null or blank for every host
     * @param uid         the plan's uid
     * @param created     the plan's creation time
     * @throws CycleException           if the rules make a cycle; the message is the whole cycle
     * @throws IllegalArgumentException if a change names an unknown resource or an action the resource lacks
     */
    public static Plan build(Workspace workspace, List<Change> changes, String environment, String uid,
                             Instant created) {
        return build(workspace, changes, environment, HostPattern.all(), uid, created);
    }

    /** As {@link #build(Workspace, List, String, String, Instant)}, with tasks only on the hosts {@code limit} keeps. */
    public static Plan build(Workspace workspace, List<Change> changes, String environment, HostPattern limit,
                             String uid, Instant created) {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(created, "created");
        String env = environment == null || environment.isBlank() ? null : environment;
        PlanBuilder builder = new PlanBuilder(workspace, env, limit, changes.size());
        builder.createTasks(changes);
        builder.addComponentEdges();
        builder.addWaitForEdges();
        JobOrder.addEdges(builder.drafts, builder::edge);
        List<Long> changeIds = changes.stream().map(Change::id).toList();
        return builder.toPlan(uid, created, env == null ? "" : env, changeIds);
    }

    /** A repeated (resource, action) makes the same task ids, which are created once. */
    private void createTasks(List<Change> changes) {
        for (Change change : changes) {
            Resource resource = byName.get(change.resource());
            if (resource == null) {
                throw new IllegalArgumentException("change " + change.id() + " names resource '" + change.resource()
                        + "', which the workspace does not define");
            }
            if (resource.kind() == ResourceKind.COMPONENT && Dependencies.DEPLOY.equals(change.action())
                    && !Dependencies.reusesBuild(resource) && resource.actions().containsKey(Dependencies.BUILD)) {
                addTasks(resource, Dependencies.BUILD);
            }
            addTasks(resource, change.action());
        }
    }

    private void addTasks(Resource resource, String actionName) {
        Action action = actionOf(resource, actionName);
        for (Host host : hosts.hostsFor(resource, actionName)) {
            String id = Task.idOf(resource.name(), actionName, host.name());
            if (indexById.containsKey(id)) {
                continue;
            }
            int index = drafts.size();
            drafts.add(new Draft(id, resource, actionName, host, action));
            indexById.put(id, index);
            successors.ensureNodes(index + 1);
            List<Integer> ofResource = tasksByResource.computeIfAbsent(resource.name(), r -> new ArrayList<>(2));
            previousOnHost(ofResource, host).ifPresent(previous -> edge(previous, index));
            ofResource.add(index);
        }
    }

    /** A resource has few tasks, so a backwards scan beats a map keyed by resource and host. */
    private java.util.OptionalInt previousOnHost(List<Integer> tasksOfResource, Host host) {
        for (int i = tasksOfResource.size() - 1; i >= 0; i--) {
            int task = tasksOfResource.get(i);
            if (drafts.get(task).host().name().equals(host.name())) {
                return java.util.OptionalInt.of(task);
            }
        }
        return java.util.OptionalInt.empty();
    }

    /** The named action; {@code update} falls back to {@code run} for resources that define only that. */
    private static Action actionOf(Resource resource, String name) {
        Action action = resource.actions().get(name);
        if (action == null && Action.UPDATE.equals(name)) {
            action = resource.actions().get(Action.RUN);
        }
        if (action == null) {
            throw new IllegalArgumentException("resource '" + resource.name() + "' has no action '" + name
                    + "' (it has: " + String.join(", ", resource.actions().keySet()) + ")");
        }
        return action;
    }

    private void addComponentEdges() {
        for (Map.Entry<String, List<Integer>> entry : tasksByResource.entrySet()) {
            Resource resource = byName.get(entry.getKey());
            if (resource.kind() != ResourceKind.COMPONENT) {
                continue;
            }
            List<Integer> deploys = withAction(entry.getValue(), Dependencies.DEPLOY);
            connect(withAction(entry.getValue(), Dependencies.BUILD), deploys);
            Dependencies.reuseFrom(resource, byName).map(tasksByResource::get)
                    .ifPresent(source -> connect(withAction(source, Dependencies.BUILD), deploys));
        }
    }

    private List<Integer> withAction(List<Integer> tasks, String action) {
        return tasks.stream().filter(t -> drafts.get(t).action().equals(action)).toList();
    }

    private void connect(List<Integer> parents, List<Integer> children) {
        for (int parent : parents) {
            for (int child : children) {
                edge(parent, child);
            }
        }
    }

    private void addWaitForEdges() {
        NearestPlanned nearest = new NearestPlanned(byName, tasksByResource.keySet());
        for (Map.Entry<String, List<Integer>> entry : tasksByResource.entrySet()) {
            for (String dependency : nearest.of(entry.getKey())) {
                order(entry.getValue(), tasksByResource.get(dependency));
            }
        }
    }

    /** Every task of the waiting resource after every task of its dependency; reversed for removals. */
    private void order(List<Integer> waiting, List<Integer> dependency) {
        for (int w : waiting) {
            Draft waiter = drafts.get(w);
            if (waiter.isComponentBuild()) {
                continue;
            }
            for (int d : dependency) {
                Draft awaited = drafts.get(d);
                if (awaited.isComponentBuild()) {
                    continue;
                }
                if (waiter.isRemove() || awaited.isRemove()) {
                    edge(w, d);
                } else {
                    edge(d, w);
                }
            }
        }
    }

    private void edge(int parent, int child) {
        if (parent != child) {
            successors.add(parent, child);
        }
    }

    private Plan toPlan(String uid, Instant created, String environment, List<Long> changeIds) {
        int[][] declared = successors.toSortedUniqueArrays();
        int[] order = topologicalOrder(declared);
        int[] position = new int[order.length];
        for (int p = 0; p < order.length; p++) {
            position[order[p]] = p;
        }
        int[][] ordered = new int[order.length][];
        for (int p = 0; p < order.length; p++) {
            int[] row = declared[order[p]];
            ordered[p] = new int[row.length];
            for (int i = 0; i < row.length; i++) {
                ordered[p][i] = position[row[i]];
            }
            java.util.Arrays.sort(ordered[p]);
        }
        TransitiveReduction.Result reduced = TransitiveReduction.reduce(ordered);
        List<Task> tasks = new ArrayList<>(order.length);
        for (int p = 0; p < order.length; p++) {
            tasks.add(toTask(drafts.get(order[p]), reduced.descendantCounts()[p]));
        }
        List<Dependency> declaredEdges = new ArrayList<>();
        List<Dependency> reducedEdges = new ArrayList<>();
        for (int p = 0; p < ordered.length; p++) {
            int[] kept = reduced.successors()[p];
            int k = 0;
            for (int q : ordered[p]) {
                Dependency edge = new Dependency(tasks.get(p).id(), tasks.get(q).id());
                declaredEdges.add(edge);
                if (k < kept.length && kept[k] == q) { // both sorted
                    reducedEdges.add(edge);
                    k++;
                }
            }
        }
        return new Plan(uid, created, environment, tasks, reducedEdges, declaredEdges, changeIds);
    }

    /** Kahn's algorithm, always taking the ready task created first. */
    private int[] topologicalOrder(int[][] edges) {
        int n = drafts.size();
        int[] inDegree = new int[n];
        for (int[] row : edges) {
            for (int v : row) {
                inDegree[v]++;
            }
        }
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
            for (int v : edges[u]) {
                if (--inDegree[v] == 0) {
                    ready.add(v);
                }
            }
        }
        if (count < n) {
            throw Cycles.afterSort(edges, placed, i -> drafts.get(i).id());
        }
        return order;
    }

    private static Task toTask(Draft draft, int weight) {
        Resource resource = draft.resource();
        Action action = draft.definition();
        return new Task(draft.id(), resource.name(), resource.kind(), draft.action(), draft.host().name(),
                action.steps(), resource.env(), resource.workdir(), action.retries(), action.timeout(),
                resource.secretValues().stream().filter(Objects::nonNull).toList(), weight);
    }
}
