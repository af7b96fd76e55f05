package dev.orrery.model;

/**
 * Captured output of one step of one attempt of a task. Secrets are masked before it is created.
 *
 * @param runId the run that recorded it ({@link RunSummary#id()}); 0 when unknown (not recorded by a run)
 */
public record OutputChunk(String planUid, String taskId, int attempt, int step, Stream stream, String text, long runId) {
    public enum Stream { STDOUT, STDERR, EXIT }

    /** A chunk not tied to a run. */
    public OutputChunk(String planUid, String taskId, int attempt, int step, Stream stream, String text) {
        this(planUid, taskId, attempt, step, stream, text, 0);
    }
}
