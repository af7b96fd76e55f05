package dev.orrery.run;

import dev.orrery.model.Release;
import dev.orrery.model.TaskState;

import java.util.Map;
import java.util.Optional;

/**
 * What a {@link Runner} left behind when nothing more could run.
 *
 * @param result  SUCCESS when every task is SUCCESS/NOOP, ERROR when a task failed (its descendants stay
 *                PENDING, blocked), SKIPPED when tasks were stopped or filtered out
 * @param counts  tasks per state at the end
 * @param release the release recorded because the plan completed, if one was
 */
public record RunResult(String planUid, long runId, TaskState result, Map<TaskState, Integer> counts,
                        Optional<Release> release) {
    public RunResult {
        counts = Map.copyOf(counts);
    }
}
