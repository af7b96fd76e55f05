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
        for (Set<String> component : stronglyConnected()) {
            String start = component.stream().sorted().findFirst().orElseThrow();
            boolean loops = component.size() > 1 || edges.get(start).stream().anyMatch(e -> e.to().equals(start));
            if (loops) {
                cycles.add(shortestCycle(start, component));
            }
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

    private List<Set<String>> stronglyConnected() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Set<String> onStack = new HashSet<>();
        Deque<String> stack = new ArrayDeque<>();
        List<Set<String>> result = new ArrayList<>();
        int counter = 0;
        for (String root : edges.keySet()) {
            if (index.containsKey(root)) {
                continue;
            }
            Deque<Object[]> work = new ArrayDeque<>();
            work.push(new Object[]{root, 0});
            index.put(root, counter);
            low.put(root, counter++);
            stack.push(root);
            onStack.add(root);
            while (!work.isEmpty()) {
                Object[] frame = work.peek();
                String name = (String) frame[0];
                int next = (Integer) frame[1];
                List<Edge> out = edges.get(name);
                if (next < out.size()) {
                    frame[1] = next + 1;
                    String to = out.get(next).to();
                    if (!index.containsKey(to)) {
                        index.put(to, counter);
                        low.put(to, counter++);
                        stack.push(to);
                        onStack.add(to);
                        work.push(new Object[]{to, 0});
                    } else if (onStack.contains(to)) {
                        low.put(name, Math.min(low.get(name), index.get(to)));
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    String parent = (String) work.peek()[0];
                    low.put(parent, Math.min(low.get(parent), low.get(name)));
                }
                if (low.get(name).equals(index.get(name))) {
                    Set<String> component = new HashSet<>();
                    String member;
                    do {
                        member = stack.pop();
                        onStack.remove(member);
                        component.add(member);
                    } while (!member.equals(name));
                    result.add(component);
                }
            }
        }
        return result;
    }
}
