package dev.orrery.model;

import java.time.Instant;

/** One recorded state change of a task (the history is the list of these). */
public record Transition(long seq, String planUid, String taskId, TaskState from, TaskState to, Instant at,
                         String reason) {
}
