package dev.orrery.load;

import dev.orrery.model.SourceRef;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CycleFinderTest {
    @Test
    void reportsEachLoopingComponentOnceAsAWholeCycle() {
        CycleFinder finder = new CycleFinder();
        edge(finder, "c", "a");
        edge(finder, "a", "b");
        edge(finder, "b", "c");
        edge(finder, "d", "d");
        edge(finder, "e", "a");
        finder.node("f");
        assertThat(finder.cycles()).extracting(CycleFinder.Cycle::text).containsExactly("a → b → c → a", "d → d");
    }

    @Test
    void findsExactlyTheNamesThatReachThemselvesInRandomGraphs() {
        Random random = new Random(3);
        for (int round = 0; round < 300; round++) {
            int n = 1 + random.nextInt(12);
            boolean[][] edge = new boolean[n][n];
            CycleFinder finder = new CycleFinder();
            for (int i = 0; i < n; i++) {
                finder.node("n" + i);
                for (int j = 0; j < n; j++) {
                    if (random.nextInt(n * 2) == 0) {
                        edge[i][j] = true;
                        edge(finder, "n" + i, "n" + j);
                    }
                }
            }
            boolean[][] reach = closure(edge);
            Set<String> onCycles = new HashSet<>();
            for (int i = 0; i < n; i++) {
                if (reach[i][i]) {
                    onCycles.add("n" + i);
                }
            }
            Set<String> reported = new HashSet<>();
            for (CycleFinder.Cycle cycle : finder.cycles()) {
                List<String> path = cycle.path();
                assertThat(path.get(0)).isEqualTo(path.get(path.size() - 1));
                for (int k = 0; k + 1 < path.size(); k++) {
                    assertThat(edge[index(path.get(k))][index(path.get(k + 1))]).as("edge %s", path).isTrue();
                }
                reported.addAll(path);
            }
            // every looping name shares a component (hence a reported cycle's start) with a reported name
            for (String name : onCycles) {
                assertThat(reported.stream().anyMatch(r -> reach[index(r)][index(name)] && reach[index(name)][index(r)]))
                        .as("%s is on a cycle", name).isTrue();
            }
            assertThat(onCycles).containsAll(reported);
        }
    }

    private static int index(String name) {
        return Integer.parseInt(name.substring(1));
    }

    private static boolean[][] closure(boolean[][] edge) {
        int n = edge.length;
        boolean[][] reach = new boolean[n][];
        for (int i = 0; i < n; i++) {
            reach[i] = edge[i].clone();
        }
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    reach[i][j] |= reach[i][k] && reach[k][j];
                }
            }
        }
        return reach;
    }

    private static void edge(CycleFinder finder, String from, String to) {
        finder.edge(from, to, new SourceRef(Path.of("w.yaml"), 1, 1));
    }
}
