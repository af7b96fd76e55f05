package dev.orrery.model;

import java.time.Instant;

/** The stored runtime state of one task of a plan. Times are null until they happen. */
public record TaskStatus(String planUid, String taskId, TaskState state, int attempt, Instant started,
                         Instant finished, String error) {
}
