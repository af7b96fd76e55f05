package dev.orrery.stage;

import dev.orrery.model.Action;
import dev.orrery.model.Change;
import dev.orrery.model.FieldDiff;
import dev.orrery.model.Plan;
import dev.orrery.model.Release;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.ResourceSnapshot;
import dev.orrery.model.Workspace;
import dev.orrery.store.Store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code rollback <release>} (seed 003): stages the diff from the environment's committed state now back to the
 * state recorded with the release, and processes it into a plan. A resource committed now but absent at the
 * release is removed; one that differs is updated (components: deployed) with the release's snapshot as the
 * desired state, so running the plan commits the release's state again; one the release had and that is gone
 * now is run again. Steps come from the workspace's definition of each resource (rebuilt from the snapshot if
 * the files no longer define it). Only these changes go into the plan; other staged changes stay staged.
 */
public final class Rollback {
    public static final String REASON = "rollback to release ";

    private Rollback() {
    }

    /**
     * @param environment null: the release's environment; otherwise it must be the release's environment
     * @throws StageException if the release does not exist, is for another environment, or nothing differs
     */
    public static Plan plan(Workspace workspace, Store store, long releaseId, String environment) {
        Release release = store.releases().find(releaseId).orElseThrow(() -> new StageException(
                "no release " + releaseId + ": list them with `releases`"));
        String env = environment == null ? release.environment() : environment.strip();
        if (!env.equals(release.environment())) {
            throw new StageException("release " + releaseId + " is for environment '" + release.environment()
                    + "', not '" + env + "'");
        }
        Map<String, ResourceSnapshot> target = store.committed().atRelease(releaseId);
        Map<String, ResourceSnapshot> current = store.committed().all(env);
        String reason = REASON + releaseId;
        Instant now = Instant.now();
        List<Change> changes = new ArrayList<>();
        for (ResourceSnapshot nowState : current.values()) {
            if (!target.containsKey(nowState.name())) {
                changes.add(new Change(0, nowState.name(), nowState.kind(), Action.REMOVE, nowState.tags(),
                        Diffs.between(nowState, null), reason, env, now));
            }
        }
        for (ResourceSnapshot then : target.values()) {
            ResourceSnapshot nowState = current.get(then.name());
            List<FieldDiff> diff = Diffs.between(nowState, then);
            if (nowState == null || !diff.isEmpty()) {
                changes.add(new Change(0, then.name(), then.kind(), Stager.deployAction(then.kind(), nowState == null),
                        then.tags(), diff, reason, env, now));
            }
        }
        changes.removeIf(c -> c.kind() == ResourceKind.JOB);
        if (changes.isEmpty()) {
            throw new StageException("nothing to roll back: the committed state of "
                    + (env.isEmpty() ? "the default environment" : "environment '" + env + "'")
                    + " already equals release " + releaseId);
        }
        return Processor.process(workspace, store, store.changes().stageAll(changes), env, target);
    }
}
