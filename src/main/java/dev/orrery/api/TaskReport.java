package dev.orrery.api;

import dev.orrery.model.Task;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;

import java.time.Duration;
import java.util.Optional;

/**
 * One line of a plan report: the task, its stored state and, for a PENDING task behind an ERROR, that it is
 * blocked.
 *
 * @param blocked true when the task is PENDING and one of its ancestors is ERROR
 */
public record TaskReport(Task task, TaskStatus status, boolean blocked) {

    public TaskState state() {
        return status.state();
    }

    /** How long the task ran: finished − started, or until now while RUNNING; empty if it never started. */
    public Optional<Duration> duration(java.time.Instant now) {
        if (status.started() == null) {
            return Optional.empty();
        }
        java.time.Instant end = status.finished() != null && !status.finished().isBefore(status.started())
                ? status.finished() : now;
        return Optional.of(Duration.between(status.started(), end));
    }

    /** The error of an ERROR / ERROR_RETRY task (masked), else empty. */
    public Optional<String> error() {
        return Optional.ofNullable(status.error()).filter(e -> !e.isBlank());
    }
}
