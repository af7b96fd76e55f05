package dev.orrery.gui.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The resource-level "waits for" relation behind a {@link GraphModel} (declared wait-for lists, plus every other
 * ordering the graph shows: links, job order, build before deploy) and the cycle check for an edit. A cycle is
 * written in waits-for order: {@code a → b → c → a} means a waits for b, b for c, c for a.
 *
 * <p>Cost: O(r + w) per check (one breadth-first walk). Immutable, thread-safe.
 */
public final class WaitForRules {
    private final Map<String, Set<String>> waitsFor;

    public WaitForRules(GraphModel model) {
        Map<String, Set<String>> relation = new LinkedHashMap<>();
        model.waitFor().forEach((r, list) -> relation.computeIfAbsent(r, k -> new LinkedHashSet<>()).addAll(list));
        Map<String, String> resourceOf = new HashMap<>();
        model.nodes().forEach(n -> resourceOf.put(n.id(), n.resource()));
        for (GraphEdge e : model.allEdges()) {
            String parent = resourceOf.get(e.from());
            String child = resourceOf.get(e.to());
            if (!parent.equals(child)) {
                relation.computeIfAbsent(child, k -> new LinkedHashSet<>()).add(parent);
            }
        }
        this.waitsFor = relation;
    }

    /**
     * The cycle that "{@code resource} waits for {@code waitsFor}" would close, ignoring the given existing
     * wait-fors (those an edit removes at the same time), or empty when the edit is allowed.
     *
     * @param ignored pairs {resource, waitsFor} taken out first
     */
    public Optional<List<String>> cycleIf(String resource, String waitsFor, List<String[]> ignored) {
        if (resource.equals(waitsFor)) {
            return Optional.of(List.of(resource, resource));
        }
        // walk from waitsFor along "waits for": reaching resource closes the loop
        Map<String, String> cameFrom = new HashMap<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(waitsFor);
        cameFrom.put(waitsFor, null);
        while (!todo.isEmpty()) {
            String r = todo.poll();
            for (String next : waitsFor(r)) {
                if (isIgnored(r, next, ignored) || cameFrom.containsKey(next)) {
                    continue;
                }
                cameFrom.put(next, r);
                if (next.equals(resource)) {
                    List<String> path = new ArrayList<>();
                    for (String p = resource; p != null; p = cameFrom.get(p)) {
                        path.add(p);
                    }
                    Collections.reverse(path);
                    List<String> cycle = new ArrayList<>();
                    cycle.add(resource);
                    cycle.addAll(path);
                    return Optional.of(cycle);
                }
                todo.add(next);
            }
        }
        return Optional.empty();
    }

    public Optional<List<String>> cycleIf(String resource, String waitsFor) {
        return cycleIf(resource, waitsFor, List.of());
    }

    /** What a resource waits for (declared and implied), in a deterministic order. */
    public Set<String> waitsFor(String resource) {
        return waitsFor.getOrDefault(resource, Set.of());
    }

    private static boolean isIgnored(String r, String next, List<String[]> ignored) {
        for (String[] pair : ignored) {
            if (pair[0].equals(r) && pair[1].equals(next)) {
                return true;
            }
        }
        return false;
    }

    /** {@code a → b → a}. */
    public static String describe(List<String> cycle) {
        return String.join(" → ", cycle);
    }
}
