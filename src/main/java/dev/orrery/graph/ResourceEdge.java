package dev.orrery.graph;

/**
 * An edge of the {@link ResourceGraph}: {@code child} waits for {@code parent}.
 *
 * @param kind why the edge exists; only {@link Kind#WAIT_FOR} edges are edited by dragging or {@code wait-for}
 */
public record ResourceEdge(String parent, String child, Kind kind) {
    public enum Kind {
        /** The child lists the parent under {@code wait-for}. */
        WAIT_FOR,
        /** An input of the child is linked to an input of the parent. */
        LINK,
        /** The child component reuses the parent component's build ({@code build.reuse-from}). */
        REUSE_FROM,
        /** Orchestration order: the next job of an entry, or the first job of the next entry. */
        JOB_ORDER
    }
}
