package dev.orrery.store;

import dev.orrery.model.Change;
import dev.orrery.model.ExecutedChange;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The staged bucket (Solar's workflow) and the history of executed changes. */
public interface ChangeRepository {
    /** Stores a staged change and returns it with its new id. Staging the same resource+action twice replaces the older one. */
    Change stage(Change change);

    /** {@link #stage} for many changes in one transaction, in order; returns them with their ids. */
    List<Change> stageAll(List<Change> changes);

    /** Staged (not yet processed) changes, oldest first. */
    List<Change> staged();

    /** {@link #staged} without the field diffs (each empty): processing needs what, where and why, not how. */
    List<Change> stagedWithoutDiffs();

    /** Removes the given staged changes; returns how many were removed. */
    int discard(Collection<Long> ids);

    int discardAll();

    /** Takes changes out of the staged bucket: they now belong to the plan. */
    void markProcessed(Collection<Long> ids, String planUid);

    /** Changes processed into a plan (for the details pane and reports). */
    List<Change> ofPlan(String planUid);

    /** The changes of one resource processed into a plan, oldest first. */
    List<Change> ofPlan(String planUid, String resource);

    /**
     * Records that a processed change finished (all its tasks SUCCESS/NOOP). Idempotent.
     *
     * @return true if the change was processed in that plan and is now executed; false if it already was
     */
    boolean markExecuted(String planUid, long changeId, Instant at);

    /**
     * {@link #markExecuted} and, in the same transaction, its effect on the committed state of
     * {@code environment}: store {@code commit} (if not null) and/or forget {@code uncommit} (if not null).
     * Nothing happens if the change was already executed, so a late second call cannot overwrite newer state.
     *
     * @return true if the change is executed now (and the committed state was written)
     */
    boolean execute(String planUid, long changeId, Instant at, String environment,
                    dev.orrery.model.ResourceSnapshot commit, String uncommit);

    /** The resources with an executed change of one of {@code actions} in the plan. */
    java.util.Set<String> executedResources(String planUid, Collection<String> actions);

    /** The executed changes of {@code resources} in {@code environment}, newest first. */
    List<ExecutedChange> executedOf(String environment, Collection<String> resources);

    /** Executed changes, newest first; {@code limit < 0} means all. */
    List<ExecutedChange> history(int limit);
}
