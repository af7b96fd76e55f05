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
 * @param reason  why the run ended without completing, naming the tasks that hold it back
 *                ({@code "cannot progress: 2 tasks wait for app.run@app-1 (ERROR)"}); empty on SUCCESS
 */
public record RunResult(String planUid, long runId, TaskState result, Map<TaskState, Integer> counts,
                        Optional<Release> release, String reason) {
    public RunResult {
        counts = Map.copyOf(counts);
        reason = reason == null ? "" : reason;
    }

    public RunResult(String planUid, long runId, TaskState result, Map<TaskState, Integer> counts,
                     Optional<Release> release) {
        this(planUid, runId, result, counts, release, "");
    }
}
