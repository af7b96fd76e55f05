package dev.orrery.gui.graph;

import dev.orrery.model.ResourceKind;

import java.util.List;
import java.util.Objects;

/**
 * One box of a graph view: a task, or a resource/component/job standing for its tasks.
 *
 * @param id       the task id ({@code api.run@web-1}) or the resource name; unique in its {@link GraphModel}
 * @param label    the first line shown
 * @param detail   the second, smaller line (host, kind, task count)
 * @param kind     the kind of the resource behind the node (decides how an edit applies)
 * @param resource the resource (or component, or job) the node belongs to
 * @param host     the task's host, or null for a resource node
 * @param taskIds  the tasks the node stands for (just {@code id} for a task node; may be empty for a resource of
 *                 a workspace without a plan)
 */
public record GraphNode(String id, String label, String detail, ResourceKind kind, String resource, String host,
                        List<String> taskIds) {
    public GraphNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(resource, "resource");
        detail = detail == null ? "" : detail;
        taskIds = List.copyOf(taskIds);
    }

    /** True for a task node, false for a node standing for a whole resource. */
    public boolean isTask() {
        return host != null;
    }
}
