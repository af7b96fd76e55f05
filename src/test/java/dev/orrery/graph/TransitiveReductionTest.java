package dev.orrery.graph;

import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedMultigraph;
import org.jgrapht.graph.SimpleDirectedGraph;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransitiveReductionTest {

    @Test
    void diamondWithShortcutLosesOnlyTheShortcut() {
        // 0 → 1 → 3, 0 → 2 → 3, shortcut 0 → 3
        TransitiveReduction.Result result = TransitiveReduction.reduce(new int[][] {{3, 1, 2}, {3}, {3}, {}});
        assertThat(result.successors()).isDeepEqualTo(new int[][] {{1, 2}, {3}, {3}, {}});
        assertThat(result.descendantCounts()).containsExactly(3, 1, 1, 0);
        assertThat(result.edgeCount()).isEqualTo(4);
    }

    @Test
    void chainKeepsOnlyConsecutiveEdges() {
        int[][] complete = {{1, 2, 3, 4}, {2, 3, 4}, {3, 4}, {4}, {}};
        TransitiveReduction.Result result = TransitiveReduction.reduce(complete);
        assertThat(result.successors()).isDeepEqualTo(new int[][] {{1}, {2}, {3}, {4}, {}});
        assertThat(result.descendantCounts()).containsExactly(4, 3, 2, 1, 0);
        assertThat(complete[0]).containsExactly(1, 2, 3, 4); // input untouched
    }

    @Test
    void duplicatesCountOnceAndIndependentNodesStayApart() {
        TransitiveReduction.Result result = TransitiveReduction.reduce(new int[][] {{2, 2}, {}, {}});
        assertThat(result.successors()).isDeepEqualTo(new int[][] {{2}, {}, {}});
        assertThat(result.descendantCounts()).containsExactly(1, 0, 0);
    }

    @Test
    void emptyGraph() {
        assertThat(TransitiveReduction.reduce(new int[0][]).successors()).isEmpty();
    }

    @Test
    void bitsetsCrossWordBoundaries() {
        // 0 → 70 → 130 and 0 → 130: the shortcut spans three 64-bit words
        int[][] graph = new int[131][0];
        graph[0] = new int[] {130, 70};
        graph[70] = new int[] {130};
        TransitiveReduction.Result result = TransitiveReduction.reduce(graph);
        assertThat(result.successors()[0]).containsExactly(70);
        assertThat(result.descendantCounts()[0]).isEqualTo(2);
    }

    @Test
    void edgesAgainstTheNumberingAreRefused() {
        assertThatThrownBy(() -> TransitiveReduction.reduce(new int[][] {{}, {0}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 → 0");
        assertThatThrownBy(() -> TransitiveReduction.reduce(new int[][] {{0}}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TransitiveReduction.reduce(new int[][] {{5}}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TransitiveReduction.reduce(new int[][] {null}))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void graphVersionReducesInPlace() {
        Graph<String, DefaultEdge> graph = new SimpleDirectedGraph<>(DefaultEdge.class);
        for (String v : new String[] {"db", "cache", "app", "lb"}) {
            graph.addVertex(v);
        }
        graph.addEdge("db", "app");
        graph.addEdge("cache", "app");
        graph.addEdge("app", "lb");
        graph.addEdge("db", "lb");
        TransitiveReduction.reduce(graph);
        assertThat(graph.edgeSet()).hasSize(3);
        assertThat(graph.containsEdge("db", "lb")).isFalse();
    }

    @Test
    void graphVersionKeepsOneOfParallelEdges() {
        Graph<String, DefaultEdge> graph = new DirectedMultigraph<>(DefaultEdge.class);
        graph.addVertex("a");
        graph.addVertex("b");
        graph.addEdge("a", "b");
        graph.addEdge("a", "b");
        TransitiveReduction.reduce(graph);
        assertThat(graph.getAllEdges("a", "b")).hasSize(1);
    }

    @Test
    void graphVersionRefusesCycles() {
        Graph<String, DefaultEdge> graph = new SimpleDirectedGraph<>(DefaultEdge.class);
        graph.addVertex("a");
        graph.addVertex("b");
        graph.addEdge("a", "b");
        graph.addEdge("b", "a");
        assertThatThrownBy(() -> TransitiveReduction.reduce(graph))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cycle");
    }

    @Test
    void matchesJGraphTOnRandomSmallDags() {
        Random random = new Random(20240501);
        for (int round = 0; round < 300; round++) {
            int n = 1 + random.nextInt(25);
            double density = random.nextDouble() * 0.6;
            Graph<Integer, DefaultEdge> ours = new SimpleDirectedGraph<>(DefaultEdge.class);
            Graph<Integer, DefaultEdge> theirs = new SimpleDirectedGraph<>(DefaultEdge.class);
            // vertices added in a shuffled order so topological order differs from insertion order
            java.util.List<Integer> shuffled = new java.util.ArrayList<>();
            for (int v = 0; v < n; v++) {
                shuffled.add(v);
            }
            java.util.Collections.shuffle(shuffled, random);
            shuffled.forEach(v -> {
                ours.addVertex(v);
                theirs.addVertex(v);
            });
            for (int u = 0; u < n; u++) {
                for (int v = u + 1; v < n; v++) {
                    if (random.nextDouble() < density) {
                        ours.addEdge(u, v);
                        theirs.addEdge(u, v);
                    }
                }
            }
            TransitiveReduction.reduce(ours);
            org.jgrapht.alg.TransitiveReduction.INSTANCE.reduce(theirs);
            assertThat(edges(ours)).as("round %d", round).isEqualTo(edges(theirs));
        }
    }

    private static Set<String> edges(Graph<Integer, DefaultEdge> graph) {
        Set<String> edges = new HashSet<>();
        graph.edgeSet().forEach(e -> edges.add(graph.getEdgeSource(e) + "→" + graph.getEdgeTarget(e)));
        return edges;
    }
}
