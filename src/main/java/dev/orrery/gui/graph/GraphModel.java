package dev.orrery.gui.graph;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link GraphView} shows: nodes, the transitively reduced edges (drawn by default and used for the
 * layout), the full edge set (drawn when "all edges" is on), and the workspace's {@code wait-for} relation that
 * graph edits change. Immutable; build it with {@link GraphModels}.
 *
 * @param view     which view this is (decides the layout: lanes per host for {@link ViewKind#HOSTS})
 * @param title    what breadcrumbs show for it
 * @param nodes    in a deterministic (topological where known) order
 * @param edges    the reduced edge set
 * @param allEdges every edge (a superset of {@code edges})
 * @param waitFor  resource name → the resources it waits for, as the workspace files declare it; empty when the
 *                 graph was built without a workspace (then nothing is editable)
 * @param plan     the plan the nodes' tasks belong to (null before anything is planned): which tasks are blocked is
 *                 a question about the whole plan, whatever part of it this view shows
 */
public record GraphModel(ViewKind view, String title, List<GraphNode> nodes, List<GraphEdge> edges,
                         List<GraphEdge> allEdges, Map<String, List<String>> waitFor, dev.orrery.model.Plan plan) {
    /** A model of no plan (a workspace before staging, tests). */
    public GraphModel(ViewKind view, String title, List<GraphNode> nodes, List<GraphEdge> edges,
                      List<GraphEdge> allEdges, Map<String, List<String>> waitFor) {
        this(view, title, nodes, edges, allEdges, waitFor, null);
    }

    public GraphModel {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        allEdges = List.copyOf(allEdges);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        waitFor.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        waitFor = java.util.Collections.unmodifiableMap(copy);
        Set<String> ids = new HashSet<>();
        for (GraphNode n : nodes) {
            if (!ids.add(n.id())) {
                throw new IllegalArgumentException("duplicate node " + n.id());
            }
        }
        for (GraphEdge e : allEdges) {
            if (!ids.contains(e.from()) || !ids.contains(e.to())) {
                throw new IllegalArgumentException("edge " + e + " names an unknown node");
            }
        }
        if (!new HashSet<>(allEdges).containsAll(edges)) {
            throw new IllegalArgumentException("every reduced edge must be in allEdges");
        }
    }

    public static final GraphModel EMPTY = new GraphModel(ViewKind.RESOURCES, "", List.of(), List.of(), List.of(),
            Map.of());

    public Optional<GraphNode> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /** True when {@code child}'s resource declares {@code wait-for: parent} in its file. */
    public boolean declaresWaitFor(String childResource, String parentResource) {
        return waitFor.getOrDefault(childResource, List.of()).contains(parentResource);
    }

    /** True when the model knows the workspace's wait-for lists, so edges can be edited. */
    public boolean editable() {
        return !waitFor.isEmpty();
    }
}
