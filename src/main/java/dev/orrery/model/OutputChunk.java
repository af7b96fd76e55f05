package dev.orrery.model;

/** Captured output of one step of one attempt of a task. Secrets are masked before it is created. */
public record OutputChunk(String planUid, String taskId, int attempt, int step, Stream stream, String text) {
    public enum Stream { STDOUT, STDERR, EXIT }
}
