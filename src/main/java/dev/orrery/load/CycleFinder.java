package dev.orrery.load;

import dev.orrery.model.SourceRef;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds dependency cycles among names ("a waits for b" is the edge a → b). Each strongly connected component
 * that loops gives one cycle, reported whole ({@code a → b → c → a}) from its alphabetically first name,
 * at the place where that name's first edge of the cycle is written. Iterative Tarjan, O(V + E); not thread
 * safe (use one instance per check).
 */
final class CycleFinder {
    /** One declared edge with the place it is written. */
    record Edge(String to, SourceRef at) {
    }

    /** A whole cycle ({@code path} ends with its first name) and where to report it. */
    record Cycle(List<String> path, SourceRef at) {
        String text() {
            return String.join(" → ", path);
        }
    }

    private final Map<String, List<Edge>> edges = new LinkedHashMap<>();

    void node(String name) {
        edges.computeIfAbsent(name, n -> new ArrayList<>());
    }

    void edge(String from, String to, SourceRef at) {
        node(from);
        node(to);
        edges.get(from).add(new Edge(to, at));
    }

    List<Cycle> cycles() {
        List<Cycle> cycles = new ArrayList<>();
        for (Set<String> component : loopingComponents()) {
            String start = component.stream().sorted().findFirst().orElseThrow();
            cycles.add(shortestCycle(start, component));
        }
        cycles.sort(java.util.Comparator.comparing(Cycle::text));
        return cycles;
    }

    /** Breadth-first from start back to start inside its component: the shortest loop through it. */
    private Cycle shortestCycle(String start, Set<String> component) {
        Map<String, String> previous = new HashMap<>();
        Map<String, Edge> firstEdge = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(start);
        Set<String> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            String name = queue.poll();
            for (Edge edge : edges.get(name)) {
                if (!component.contains(edge.to())) {
                    continue;
                }
                if (name.equals(start) && !firstEdge.containsKey(edge.to())) {
                    firstEdge.put(edge.to(), edge);
                }
                if (edge.to().equals(start)) {
                    List<String> path = new ArrayList<>();
                    for (String at = name; at != null; at = previous.get(at)) {
                        path.add(0, at);
                    }
                    path.add(start);
                    Edge first = path.size() > 2 ? firstEdge.get(path.get(1)) : edge;
                    return new Cycle(path, first.at());
                }
                if (seen.add(edge.to())) {
                    previous.put(edge.to(), name);
                    queue.add(edge.to());
                }
            }
        }
        throw new IllegalStateException("a strongly connected component always loops back to " + start);
    }

    /**
     * The strongly connected components that loop (more than one name, or a name waiting for itself). Tarjan's
     * algorithm, iterative, over int ids: a workspace has tens of thousands of names and almost never a cycle.
     */
    private List<Set<String>> loopingComponents() {
        String[] names = edges.keySet().toArray(String[]::new);
        Map<String, Integer> id = new HashMap<>(names.length * 2);
        for (int i = 0; i < names.length; i++) {
            id.put(names[i], i);
        }
        int[][] out = new int[names.length][];
        for (int i = 0; i < names.length; i++) {
            List<Edge> list = edges.get(names[i]);
            out[i] = new int[list.size()];
            for (int k = 0; k < list.size(); k++) {
                out[i][k] = id.get(list.get(k).to());
            }
        }
        int[] index = new int[names.length];
        java.util.Arrays.fill(index, -1);
        int[] low = new int[names.length];
        boolean[] onStack = new boolean[names.length];
        int[] stack = new int[names.length];
        int stackSize = 0;
        int[] frames = new int[names.length]; // the call stack: node ids
        int[] nextEdge = new int[names.length];
        int counter = 0;
        List<Set<String>> result = new ArrayList<>();
        for (int root = 0; root < names.length; root++) {
            if (index[root] >= 0) {
                continue;
            }
            int depth = 0;
            frames[depth] = root;
            nextEdge[root] = 0;
            index[root] = low[root] = counter++;
            stack[stackSize++] = root;
            onStack[root] = true;
            while (depth >= 0) {
                int node = frames[depth];
                if (nextEdge[node] < out[node].length) {
                    int to = out[node][nextEdge[node]++];
                    if (index[to] < 0) {
                        index[to] = low[to] = counter++;
                        stack[stackSize++] = to;
                        onStack[to] = true;
                        nextEdge[to] = 0;
                        frames[++depth] = to;
                    } else if (onStack[to]) {
                        low[node] = Math.min(low[node], index[to]);
                    }
                    continue;
                }
                depth--;
                if (depth >= 0) {
                    int parent = frames[depth];
                    low[parent] = Math.min(low[parent], low[node]);
                }
                if (low[node] == index[node]) {
                    int first = stackSize;
                    do {
                        first--;
                        onStack[stack[first]] = false;
                    } while (stack[first] != node);
                    int size = stackSize - first;
                    if (size > 1 || contains(out[node], node)) {
                        Set<String> component = new HashSet<>();
                        for (int k = first; k < stackSize; k++) {
                            component.add(names[stack[k]]);
                        }
                        result.add(component);
                    }
                    stackSize = first;
                }
            }
        }
        return result;
    }

    private static boolean contains(int[] values, int wanted) {
        for (int v : values) {
            if (v == wanted) {
                return true;
            }
        }
        return false;
    }
}
