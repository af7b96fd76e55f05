package dev.orrery.run;

import dev.orrery.model.Change;
import dev.orrery.model.Plan;
import dev.orrery.model.Task;

import java.time.Instant;
import java.util.List;

/**
 * Called by the {@link Runner} when every task of a processed change is SUCCESS or NOOP: commits the
 * resource's new state (so the next staging shows no diff for it), records the executed change, and fills
 * the orchestration job cache. The default is the stage package's {@code Commits.commit}. Called at most once per change per run, on the scheduler thread; must be
 * idempotent (a restarted plan commits again).
 */
@FunctionalInterface
public interface ChangeCommitter {
    /**
     * @param tasks the plan's tasks of the change's resource, all SUCCESS/NOOP
     */
    void commit(Plan plan, Change change, List<Task> tasks, Instant at);
}
