package dev.orrery.gui.graph;

import dev.orrery.model.Dependency;
import dev.orrery.model.Plan;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.Task;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Test fixtures: plans of any size shaped like a real deployment (resources in tiers, each deployed on several
 * hosts, every task waiting for the tasks of the resources its resource waits for on the same host plus a few
 * cross-host waits), with the declared edge set and its transitive reduction. Deterministic for a seed.
 */
public final class SyntheticPlans {
    /** Ranks of resources: a deployment is wide rather than deep. */
    private static final int TIERS = 12;

    private SyntheticPlans() {
    }

    public static Task task(String resource, String action, String host) {
        return new Task(Task.idOf(resource, action, host), resource, ResourceKind.RESOURCE, action, host, List.of(),
                Map.of(), null, 0, Duration.ofMinutes(1), List.of(), 0);
    }

    /** A plan of about {@code taskCount} tasks: {@code taskCount / hosts} resources on {@code hosts} hosts. */
    public static Plan plan(int taskCount, int hosts, long seed) {
        Random random = new Random(seed);
        int resources = Math.max(1, taskCount / hosts);
        List<Task> tasks = new ArrayList<>();
        for (int r = 0; r < resources; r++) {
            for (int h = 0; h < hosts; h++) {
                tasks.add(task(String.format("svc%04d", r), "run", String.format("host-%02d", h)));
            }
        }
        Set<Dependency> declared = new LinkedHashSet<>();
        int tiers = Math.max(1, Math.min(TIERS, resources));
        int perTier = (resources + tiers - 1) / tiers;
        for (int r = perTier; r < resources; r++) {
            int tier = r / perTier;
            int waits = 1 + random.nextInt(2);
            for (int w = 0; w < waits; w++) {
                int parent = (tier - 1) * perTier + random.nextInt(perTier);
                sameHostEdges(declared, tasks, hosts, parent, r);
            }
            // a wait-for on an ancestor two tiers up, as wait-for lists often repeat them: the reduction drops it
            if (tier >= 2) {
                sameHostEdges(declared, tasks, hosts, (tier - 2) * perTier + random.nextInt(perTier), r);
            }
            if (random.nextInt(5) == 0) {
                int parent = random.nextInt(tier * perTier);
                declared.add(new Dependency(tasks.get(parent * hosts + random.nextInt(hosts)).id(),
                        tasks.get(r * hosts + random.nextInt(hosts)).id()));
            }
        }
        List<Dependency> declaredList = new ArrayList<>(declared);
        return new Plan("synthetic-" + seed, Instant.EPOCH, "", tasks, reduce(tasks, declaredList), declaredList,
                List.of());
    }

    private static void sameHostEdges(Set<Dependency> out, List<Task> tasks, int hosts, int parent, int child) {
        for (int h = 0; h < hosts; h++) {
            out.add(new Dependency(tasks.get(parent * hosts + h).id(), tasks.get(child * hosts + h).id()));
        }
    }

    /** Transitive reduction of a DAG whose task list is topologically ordered; bitsets, O(n · m / 64). */
    static List<Dependency> reduce(List<Task> tasks, List<Dependency> edges) {
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            index.put(tasks.get(i).id(), i);
        }
        int n = tasks.size();
        List<List<Integer>> children = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            children.add(new ArrayList<>());
        }
        for (Dependency d : edges) {
            children.get(index.get(d.parent())).add(index.get(d.child()));
        }
        BitSet[] reach = new BitSet[n];
        for (int i = n - 1; i >= 0; i--) {
            reach[i] = new BitSet(n);
            for (int c : children.get(i)) {
                reach[i].set(c);
                reach[i].or(reach[c] == null ? new BitSet() : reach[c]);
            }
        }
        List<Dependency> reduced = new ArrayList<>();
        for (Dependency d : edges) {
            int p = index.get(d.parent());
            int c = index.get(d.child());
            boolean redundant = false;
            for (int other : children.get(p)) {
                if (other != c && reach[other].get(c)) {
                    redundant = true;
                    break;
                }
            }
            if (!redundant) {
                reduced.add(d);
            }
        }
        return reduced;
    }
}
