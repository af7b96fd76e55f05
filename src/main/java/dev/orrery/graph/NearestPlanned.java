package dev.orrery.graph;

import dev.orrery.model.Resource;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For a resource in the plan, the resources in the plan it waits for, directly or through resources that are
 * not in the plan: if {@code app} waits for {@code cache} which waits for {@code db}, and only {@code app} and
 * {@code db} changed, {@code app} still runs after {@code db}. Results for resources outside the plan are
 * memoized, so the whole walk is linear in the resource graph (times the size of the answers).
 * Not thread-safe: one instance per plan being built.
 */
final class NearestPlanned {
    private final Map<String, Resource> byName;
    private final Set<String> planned;
    private final Map<String, List<String>> parents = new HashMap<>();
    private final Map<String, Set<String>> memo = new HashMap<>();

    NearestPlanned(Map<String, Resource> byName, Set<String> planned) {
        this.byName = byName;
        this.planned = planned;
    }

    /**
     * @throws CycleException if the walk comes back to {@code resource} or goes round among resources outside
     *                        the plan
     */
    List<String> of(String resource) {
        List<String> direct = parentsOf(resource);
        if (planned.containsAll(direct)) { // the usual case: nothing to walk through
            if (direct.contains(resource)) {
                throw new CycleException(pathBack(resource));
            }
            return Collections.unmodifiableList(direct);
        }
        Set<String> found = new LinkedHashSet<>();
        for (String parent : direct) {
            if (planned.contains(parent)) {
                found.add(parent);
            } else {
                found.addAll(throughUnplanned(parent));
            }
        }
        if (found.contains(resource)) {
            throw new CycleException(pathBack(resource));
        }
        return new ArrayList<>(found);
    }

    private List<String> parentsOf(String name) {
        return parents.computeIfAbsent(name, n -> Dependencies.waitsFor(byName.get(n), byName));
    }

    private static final class Frame {
        final String name;
        final List<String> parents;
        final Set<String> found = new LinkedHashSet<>();
        int next;

        Frame(String name, List<String> parents) {
            this.name = name;
            this.parents = parents;
        }
    }

    /** Iterative depth-first walk (chains of thousands of resources must not overflow the stack). */
    private Set<String> throughUnplanned(String start) {
        Set<String> known = memo.get(start);
        if (known != null) {
            return known;
        }
        Deque<Frame> path = new ArrayDeque<>();
        Set<String> onPath = new HashSet<>();
        path.push(new Frame(start, parentsOf(start)));
        onPath.add(start);
        while (true) {
            Frame top = path.peek();
            if (top.next < top.parents.size()) {
                String parent = top.parents.get(top.next++);
                if (planned.contains(parent)) {
                    top.found.add(parent);
                } else if (memo.containsKey(parent)) {
                    top.found.addAll(memo.get(parent));
                } else if (onPath.contains(parent)) {
                    throw new CycleException(cycleOnPath(path, parent));
                } else {
                    path.push(new Frame(parent, parentsOf(parent)));
                    onPath.add(parent);
                }
                continue;
            }
            path.pop();
            onPath.remove(top.name);
            memo.put(top.name, top.found);
            if (path.isEmpty()) {
                return top.found;
            }
            path.peek().found.addAll(top.found);
        }
    }

    /** The frames from {@code repeated} to the top, then {@code repeated} again: each waits for the next. */
    private static List<String> cycleOnPath(Deque<Frame> path, String repeated) {
        List<String> cycle = new ArrayList<>();
        boolean inside = false;
        var fromBottom = path.descendingIterator();
        while (fromBottom.hasNext()) {
            String name = fromBottom.next().name;
            inside |= name.equals(repeated);
            if (inside) {
                cycle.add(name);
            }
        }
        cycle.add(repeated);
        return cycle;
    }

    /** Breadth-first through resources outside the plan, from {@code resource} back to itself. */
    private List<String> pathBack(String resource) {
        Map<String, String> cameFrom = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(resource));
        while (!queue.isEmpty()) {
            String current = queue.poll();
            for (String parent : parentsOf(current)) {
                if (parent.equals(resource)) {
                    List<String> cycle = new ArrayList<>();
                    for (String at = current; at != null; at = cameFrom.get(at)) {
                        cycle.add(0, at);
                    }
                    cycle.add(resource);
                    return cycle;
                }
                if (!planned.contains(parent) && !cameFrom.containsKey(parent)) {
                    cameFrom.put(parent, current);
                    queue.add(parent);
                }
            }
        }
        throw new IllegalStateException("no way back to " + resource);
    }
}
