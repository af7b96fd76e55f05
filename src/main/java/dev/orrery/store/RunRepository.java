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

    /** Newest first; {@code limit < 0} means all. */
    List<RunSummary> list(int limit);

    List<RunSummary> ofPlan(String planUid);

    Optional<RunSummary> find(long runId);
}
