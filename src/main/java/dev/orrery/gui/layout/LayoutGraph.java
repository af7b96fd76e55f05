package dev.orrery.gui.layout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a layout needs to know about a graph: node ids with their sizes, and directed edges (parent → child).
 * Immutable; the preconditions (unique ids, edges between known nodes, no self loop) are checked up front.
 *
 * @param nodes in a deterministic order (the layout is deterministic for a given order)
 * @param edges source is drawn before target
 */
public record LayoutGraph(List<Node> nodes, List<Edge> edges) {

    /** A box to place. */
    public record Node(String id, double width, double height) {
        public Node {
            Objects.requireNonNull(id, "id");
            if (!(width > 0) || !(height > 0)) {
                throw new IllegalArgumentException("node " + id + " needs a positive size, got " + width + "x" + height);
            }
        }
    }

    /** A directed edge between two node ids. */
    public record Edge(String source, String target) {
        public Edge {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(target, "target");
        }
    }

    public LayoutGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        Set<String> ids = new HashSet<>();
        for (Node n : nodes) {
            if (!ids.add(n.id())) {
                throw new IllegalArgumentException("duplicate node id " + n.id());
            }
        }
        for (Edge e : edges) {
            if (!ids.contains(e.source()) || !ids.contains(e.target())) {
                throw new IllegalArgumentException("edge " + e.source() + " → " + e.target() + " names an unknown node");
            }
            if (e.source().equals(e.target())) {
                throw new IllegalArgumentException("self loop on " + e.source());
            }
        }
    }

    /**
     * A key that is equal for two graphs that would get the same layout: node ids and sizes and edges, in order.
     * Used to reuse a layout when the same graph is shown again (states change, the layout does not).
     * Cost O(n + m).
     */
    public String signature() {
        StringBuilder sb = new StringBuilder(nodes.size() * 24 + edges.size() * 24);
        for (Node n : nodes) {
            sb.append(n.id()).append('|').append(n.width()).append('x').append(n.height()).append('\n');
        }
        sb.append("--\n");
        for (Edge e : edges) {
            sb.append(e.source()).append('>').append(e.target()).append('\n');
        }
        return sb.toString();
    }

    /** Builder for code that collects nodes and edges one by one. Not thread-safe. */
    public static final class Builder {
        private final List<Node> nodes = new ArrayList<>();
        private final List<Edge> edges = new ArrayList<>();

        public Builder node(String id, double width, double height) {
            nodes.add(new Node(id, width, height));
            return this;
        }

        public Builder edge(String source, String target) {
            edges.add(new Edge(source, target));
            return this;
        }

        public LayoutGraph build() {
            return new LayoutGraph(nodes, edges);
        }
    }
}
