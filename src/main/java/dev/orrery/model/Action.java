package dev.orrery.model;

import java.time.Duration;
import java.util.List;

/**
 * A named action of a resource ({@code run}, {@code update}, {@code remove}, {@code restart}, ...).
 *
 * @param steps   done in order; the first failing step fails the task
 * @param retries how many times a failed task is tried again (ERROR_RETRY, back-off, PENDING)
 * @param timeout per-task limit; null means the runner's default
 */
public record Action(String name, List<Step> steps, int retries, Duration timeout, SourceRef source) {
    public static final String RUN = "run";
    public static final String UPDATE = "update";
    public static final String REMOVE = "remove";

    public Action {
        steps = List.copyOf(steps);
    }
}
