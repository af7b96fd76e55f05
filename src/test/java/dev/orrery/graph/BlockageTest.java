package dev.orrery.graph;

import dev.orrery.model.Dependency;
import dev.orrery.model.Plan;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.Task;
import dev.orrery.model.TaskState;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.shortestpath.AllDirectedPaths;
import org.jgrapht.graph.AsSubgraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedAcyclicGraph;
import org.jgrapht.traverse.DepthFirstIterator;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one model of which tasks are blocked, and {@link TaskGraph}'s other answers checked against JGraphT's own
 * algorithms on random DAGs (descendants, ancestors, reachability, longest path by enumeration), and
 * {@link ResourceGraph#cycleIfWaitFor} against JGraphT's cycle detector.
 */
class BlockageTest {
    /** db → app1 → lb, db → app2 → lb, cache alone. */
    private static final Plan STACK = TaskGraphTest.plan(List.of("db", "cache", "app1", "app2", "lb"),
            "db>app1", "db>app2", "app1>lb", "app2>lb");

    @Test
    void aTaskBehindASkippedTaskIsBlockedToo() {
        TaskGraph graph = TaskGraph.of(STACK);
        // db failed, then was skipped by hand: app1, app2 and lb can never start until it is resumed or noop'd
        TaskGraph.Blockage b = graph.blockage(Map.of("db", TaskState.SKIPPED, "cache", TaskState.SUCCESS));
        assertThat(b.tasks()).containsExactly("app1", "app2", "lb");
        assertThat(b.blockers()).containsExactly("db");
    }

    @Test
    void blockingStopsAtTasksThatAreNotPending() {
        TaskGraph graph = TaskGraph.of(STACK);
        // app1 succeeded in an earlier run; lb still waits for app2, which waits for the failed db
        TaskGraph.Blockage b = graph.blockage(Map.of("db", TaskState.ERROR, "app1", TaskState.SUCCESS));
        assertThat(b.tasks()).containsExactly("app2", "lb");
        assertThat(b.blockers()).containsExactly("db");
        assertThat(graph.blockage(Map.of("db", TaskState.RUNNING)).isEmpty()).isTrue();
        assertThat(graph.blockage(Map.of("db", TaskState.ERROR_RETRY)).isEmpty()).isTrue();
    }

    @Test
    void blockersAreTheNearestErrorOrSkippedParents() {
        TaskGraph graph = TaskGraph.of(STACK);
        TaskGraph.Blockage b = graph.blockage(Map.of("db", TaskState.SUCCESS, "app1", TaskState.ERROR,
                "app2", TaskState.SKIPPED));
        assertThat(b.tasks()).containsExactly("lb");
        assertThat(b.blockers()).containsExactly("app1", "app2");
    }

    @RepeatedTest(40)
    void answersAgreeWithJGraphT(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        int n = 2 + random.nextInt(9);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("t" + i);
        }
        List<String> edges = new ArrayList<>();
        DirectedAcyclicGraph<String, DefaultEdge> reference = new DirectedAcyclicGraph<>(DefaultEdge.class);
        ids.forEach(reference::addVertex);
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                if (random.nextInt(3) == 0) {
                    edges.add("t" + a + ">t" + b);
                    reference.addEdge("t" + a, "t" + b);
                }
            }
        }
        TaskGraph graph = TaskGraph.of(TaskGraphTest.plan(ids, edges.toArray(String[]::new)));
        TaskState[] pick = {TaskState.PENDING, TaskState.PENDING, TaskState.SUCCESS, TaskState.ERROR,
                TaskState.SKIPPED, TaskState.RUNNING};
        Map<String, TaskState> states = new HashMap<>();
        Map<String, Duration> durations = new HashMap<>();
        for (String id : ids) {
            states.put(id, pick[random.nextInt(pick.length)]);
            durations.put(id, Duration.ofSeconds(random.nextInt(10)));
        }
        for (String id : ids) {
            assertThat(new HashSet<>(graph.descendants(id))).isEqualTo(reference.getDescendants(id));
            assertThat(new HashSet<>(graph.ancestors(id))).isEqualTo(reference.getAncestors(id));
        }
        assertThat(graph.blocked(states)).isEqualTo(blockedByReachability(reference, states));
        assertThat(graph.criticalPath(durations).length()).isEqualTo(longestByEnumeration(reference, durations));
    }

    @RepeatedTest(25)
    void wouldThisWaitForCloseACycleAgreesWithJGraphTsCycleDetector(RepetitionInfo repetition) {
        Random random = new Random(1000 + repetition.getCurrentRepetition());
        int n = 2 + random.nextInt(8);
        List<dev.orrery.model.Resource> resources = new ArrayList<>();
        org.jgrapht.graph.DefaultDirectedGraph<String, DefaultEdge> reference =
                new org.jgrapht.graph.DefaultDirectedGraph<>(DefaultEdge.class);
        for (int i = 0; i < n; i++) {
            reference.addVertex("r" + i);
        }
        for (int i = 0; i < n; i++) {
            List<String> waitFor = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                if (random.nextInt(3) == 0) {
                    waitFor.add("r" + j);
                    reference.addEdge("r" + j, "r" + i); // parent → child, as ResourceGraph draws it
                }
            }
            resources.add(Fixtures.resource("r" + i, List.of("h"), waitFor.toArray(String[]::new)));
        }
        ResourceGraph graph = ResourceGraph.of(Fixtures.workspace(List.of(Fixtures.host("h")),
                resources.toArray(dev.orrery.model.Resource[]::new)));
        for (int waiter = 0; waiter < n; waiter++) {
            for (int dependency = 0; dependency < n; dependency++) {
                String w = "r" + waiter;
                String d = "r" + dependency;
                org.jgrapht.graph.DefaultDirectedGraph<String, DefaultEdge> with =
                        new org.jgrapht.graph.DefaultDirectedGraph<>(DefaultEdge.class);
                org.jgrapht.Graphs.addGraph(with, reference);
                boolean cycle = w.equals(d);
                if (!cycle) {
                    with.addEdge(d, w);
                    cycle = new org.jgrapht.alg.cycle.CycleDetector<>(with).detectCycles();
                }
                assertThat(graph.cycleIfWaitFor(w, d).isPresent()).as(w + " waits for " + d).isEqualTo(cycle);
            }
        }
    }

    /** PENDING tasks reachable from an ERROR/SKIPPED task through PENDING tasks only. */
    private static Set<String> blockedByReachability(Graph<String, DefaultEdge> g, Map<String, TaskState> states) {
        Set<String> keep = new HashSet<>();
        for (String v : g.vertexSet()) {
            TaskState s = states.get(v);
            if (s == TaskState.PENDING || s == TaskState.ERROR || s == TaskState.SKIPPED) {
                keep.add(v);
            }
        }
        Graph<String, DefaultEdge> sub = new AsSubgraph<>(g, keep);
        Set<String> blocked = new HashSet<>();
        for (String root : keep) {
            if (states.get(root) == TaskState.PENDING) {
                continue;
            }
            for (DefaultEdge out : sub.outgoingEdgesOf(root)) {
                String child = sub.getEdgeTarget(out);
                if (states.get(child) != TaskState.PENDING) {
                    continue;
                }
                // from a blocker's PENDING child, everything PENDING below (in the PENDING-only subgraph)
                Graph<String, DefaultEdge> pending = new AsSubgraph<>(g, keep.stream()
                        .filter(v -> states.get(v) == TaskState.PENDING).collect(java.util.stream.Collectors.toSet()));
                new DepthFirstIterator<>(pending, child).forEachRemaining(blocked::add);
            }
        }
        return blocked;
    }

    private static Duration longestByEnumeration(Graph<String, DefaultEdge> g, Map<String, Duration> durations) {
        Duration best = Duration.ZERO;
        for (String v : g.vertexSet()) {
            best = durations.get(v).compareTo(best) > 0 ? durations.get(v) : best;
        }
        List<GraphPath<String, DefaultEdge>> paths = new AllDirectedPaths<>(g)
                .getAllPaths(g.vertexSet(), g.vertexSet(), true, null);
        for (GraphPath<String, DefaultEdge> path : paths) {
            Duration sum = path.getVertexList().stream().map(durations::get).reduce(Duration.ZERO, Duration::plus);
            best = sum.compareTo(best) > 0 ? sum : best;
        }
        return best;
    }
}
