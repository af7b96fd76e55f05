package dev.orrery.gui.graph;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Transitive reduction of the small resource-level graphs the views derive (task-level reduction comes with the
 * plan). An edge is dropped when its target is reachable from its source by another path. O(m · (n + m)); keeps
 * input order; tolerates cycles (an edge on a cycle is kept).
 */
final class EdgeReduction {
    private EdgeReduction() {
    }

    static List<GraphEdge> reduce(List<String> nodes, List<GraphEdge> edges) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        nodes.forEach(n -> out.put(n, new ArrayList<>()));
        edges.forEach(e -> out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to()));
        List<GraphEdge> kept = new ArrayList<>();
        for (GraphEdge e : edges) {
            if (!reachableAvoiding(out, e)) {
                kept.add(e);
            }
        }
        return kept;
    }

    /** Is e.to reachable from e.from without taking the edge e itself? */
    private static boolean reachableAvoiding(Map<String, List<String>> out, GraphEdge e) {
        Deque<String> todo = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        for (String next : out.getOrDefault(e.from(), List.of())) {
            if (!next.equals(e.to()) && seen.add(next)) {
                todo.push(next);
            }
        }
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (n.equals(e.to())) {
                return true;
            }
            for (String next : out.getOrDefault(n, List.of())) {
                if (seen.add(next)) {
                    todo.push(next);
                }
            }
        }
        return false;
    }
}
