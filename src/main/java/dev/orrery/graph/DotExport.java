package dev.orrery.graph;

import dev.orrery.model.Dependency;
import dev.orrery.model.Plan;
import dev.orrery.model.Task;
import dev.orrery.model.TaskState;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleDirectedGraph;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.dot.DOTExporter;

import java.io.StringWriter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Graphviz DOT text of a plan ({@code orch dg}): the transitively reduced edges, one box per task labelled
 * {@code resource.action@host}, filled with the colour of its state (the README's state table). Blocked tasks
 * (PENDING behind an ERROR) are drawn dashed and labelled so.
 *
 * <p>Complexity {@code O(V + E)}. Thread safety: stateless; callable from any thread.
 */
public final class DotExport {
    private static final Map<TaskState, String> COLOURS = new EnumMap<>(Map.of(
            TaskState.PENDING, "#9e9e9e",
            TaskState.RUNNING, "#1e88e5",
            TaskState.SUCCESS, "#43a047",
            TaskState.ERROR, "#e53935",
            TaskState.ERROR_RETRY, "#fb8c00",
            TaskState.SKIPPED, "#fdd835",
            TaskState.NOOP, "#00897b"));

    private DotExport() {
    }

    /** The fill colour of a state as {@code #rrggbb}: grey, blue, green, red, orange, yellow, teal. */
    public static String colourOf(TaskState state) {
        return COLOURS.get(Objects.requireNonNull(state, "state"));
    }

    /**
     * @param states task states by id; a task without one is PENDING
     * @return the DOT text, nodes in the plan's task order
     * @throws IllegalArgumentException if the plan's edges name unknown tasks or make a cycle
     */
    public static String toDot(Plan plan, Map<String, TaskState> states) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(states, "states");
        Set<String> blocked = TaskGraph.of(plan).blocked(states);
        Graph<String, DefaultEdge> graph = new SimpleDirectedGraph<>(DefaultEdge.class);
        Map<String, String> nodeIds = new HashMap<>();
        for (Task task : plan.tasks()) {
            graph.addVertex(task.id());
            nodeIds.put(task.id(), "t" + nodeIds.size());
        }
        for (Dependency edge : plan.edges()) {
            graph.addEdge(edge.parent(), edge.child());
        }
        DOTExporter<String, DefaultEdge> exporter = new DOTExporter<>(nodeIds::get);
        exporter.setGraphIdProvider(() -> "plan");
        exporter.setGraphAttributeProvider(() -> {
            Map<String, Attribute> attributes = new LinkedHashMap<>();
            attributes.put("rankdir", DefaultAttribute.createAttribute("TB"));
            attributes.put("label", DefaultAttribute.createAttribute(quoted("plan " + plan.uid())));
            attributes.put("labelloc", DefaultAttribute.createAttribute("t"));
            return attributes;
        });
        exporter.setVertexAttributeProvider(id -> nodeAttributes(id, states.getOrDefault(id, TaskState.PENDING),
                blocked.contains(id)));
        StringWriter out = new StringWriter();
        exporter.exportGraph(graph, out);
        return out.toString();
    }

    /** JGraphT writes graph attribute values as they are (vertex attributes it quotes itself). */
    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static Map<String, Attribute> nodeAttributes(String id, TaskState state, boolean blocked) {
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        attributes.put("label", DefaultAttribute.createAttribute(blocked ? id + "\\n(blocked)" : id));
        attributes.put("shape", DefaultAttribute.createAttribute("box"));
        attributes.put("style", DefaultAttribute.createAttribute(blocked ? "rounded,filled,dashed" : "rounded,filled"));
        attributes.put("fillcolor", DefaultAttribute.createAttribute(colourOf(state)));
        boolean dark = state == TaskState.RUNNING || state == TaskState.ERROR || state == TaskState.NOOP
                || state == TaskState.SUCCESS;
        attributes.put("fontcolor", DefaultAttribute.createAttribute(dark ? "white" : "black"));
        attributes.put("tooltip", DefaultAttribute.createAttribute(id + " " + state));
        return attributes;
    }
}
