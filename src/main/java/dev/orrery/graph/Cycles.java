package dev.orrery.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** Finds one whole cycle among the nodes a topological sort could not place. */
final class Cycles {

    private Cycles() {
    }

    /**
     * After Kahn's algorithm stopped early, every node it did not place has a predecessor it did not place, so
     * walking from predecessor to predecessor must come back to a node already seen: that loop is a cycle.
     * Walking predecessors reads the cycle as "waits for". Deterministic: the smallest node and the smallest
     * predecessor are taken each time.
     *
     * @param successors edges {@code u → v} meaning v waits for u
     * @param placed     which nodes the sort placed; at least one must be false
     * @param name       the name of a node for the message
     */
    static CycleException afterSort(int[][] successors, boolean[] placed, IntFunction<String> name) {
        int n = successors.length;
        int[] firstPredecessor = new int[n];
        java.util.Arrays.fill(firstPredecessor, -1);
        for (int u = 0; u < n; u++) {
            if (placed[u]) {
                continue;
            }
            for (int v : successors[u]) {
                if (!placed[v] && (firstPredecessor[v] < 0 || u < firstPredecessor[v])) {
                    firstPredecessor[v] = u;
                }
            }
        }
        int start = 0;
        while (placed[start]) {
            start++;
        }
        Map<Integer, Integer> seenAt = new HashMap<>();
        List<Integer> walk = new ArrayList<>();
        int node = start;
        while (!seenAt.containsKey(node)) {
            seenAt.put(node, walk.size());
            walk.add(node);
            node = firstPredecessor[node];
        }
        List<String> cycle = new ArrayList<>();
        for (int i = seenAt.get(node); i < walk.size(); i++) {
            cycle.add(name.apply(walk.get(i)));
        }
        cycle.add(name.apply(node));
        return new CycleException(rotateToSmallest(cycle));
    }

    /** Starts the cycle at its smallest name so the same cycle always reads the same. */
    static List<String> rotateToSmallest(List<String> closedCycle) {
        List<String> open = new ArrayList<>(closedCycle.subList(0, closedCycle.size() - 1));
        int smallest = open.indexOf(Collections.min(open));
        Collections.rotate(open, -smallest);
        open.add(open.get(0));
        return open;
    }
}
