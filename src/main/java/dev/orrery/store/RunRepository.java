package dev.orrery.store;

import dev.orrery.model.RunSummary;
import dev.orrery.model.TaskState;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Runs of plans: each run-once / resume / retry / restart that drove a plan is one run. */
public interface RunRepository {
    long start(String planUid, String environment, Instant at);

    /** Records the end; the counts per state are taken from the plan's task states now. */
    void finish(long runId, TaskState result, Instant at);

    /**
     * Closes every run of the plan that has not finished (its runner died) with result ERROR and
     * {@code outcome}; the counts are taken from the task states now. Only for the holder of the plan's lock.
     *
     * @return how many runs were closed
     */
    int closeUnfinished(String planUid, String outcome, Instant at);

    /** Whether a run of the plan has no end recorded (it goes on, or its runner died). */
    boolean hasUnfinished(String planUid);

    /** Newest first; {@code limit < 0} means all. */
    List<RunSummary> list(int limit);

    List<RunSummary> ofPlan(String planUid);

    Optional<RunSummary> find(long runId);
}
