package dev.orrery.gui.graph;

/**
 * The file side of graph edits: writes one wait-for change (or one job move) into the workspace file that defines
 * the resource, component or orchestration. Implemented over the load package's {@code WaitForEditor}; the graph
 * calls it only after its own cycle check passed. Each method either changes exactly one file or throws and
 * changes nothing (e.g. the file changed on disk since it was loaded: the message says so).
 *
 * <p>Names are resource, component or job names as in the workspace. Called on the JavaFX thread; a write is one
 * small file, so it is done there.
 */
public interface WaitForFiles {
    /** {@code resource} now waits for {@code waitsFor}. */
    void add(String resource, String waitsFor) throws Exception;

    /** {@code resource} no longer waits for {@code waitsFor}. */
    void remove(String resource, String waitsFor) throws Exception;

    /** {@code resource} waits for {@code to} instead of {@code from} (one list entry replaced in place). */
    void move(String resource, String from, String to) throws Exception;

    /**
     * Moves an orchestration job right before or after another job of the same entry. Jobs are named by position
     * ({@code <stem>.<entry>.<job>}), so after the move the names follow the new order.
     */
    void moveJob(String job, String anchor, boolean after) throws Exception;
}
