package dev.orrery.gui.workspace;

import dev.orrery.load.LoadResult;
import dev.orrery.model.Change;
import dev.orrery.model.OutputChunk;
import dev.orrery.model.Plan;
import dev.orrery.model.Release;
import dev.orrery.model.RunSummary;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;
import dev.orrery.run.RunListener;
import dev.orrery.stage.StalePlan;
import dev.orrery.stage.StalePlans;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the GUI asks of the core for one open workspace; {@link CoreBackend} implements it over the
 * core's facade so nothing in the GUI bypasses it. Every method may block (SQLite, SSH): view models call them
 * through {@link dev.orrery.gui.UiExecutor}, never on the JavaFX thread. Implementations are thread-safe.
 */
public interface OrreryBackend extends AutoCloseable {

    Path root();

    /** Reads and validates the workspace files again (never writes). */
    LoadResult load();

    /** The changes {@code changes stage} would find, without storing anything. */
    List<Change> preview(StageSelection selection);

    /** Stages what {@link #preview} finds for the selection and returns the stored changes. */
    List<Change> stage(StageSelection selection);

    /** Stages one explicit action (restart, test, ...) of a resource, even without a diff. */
    Change stageAction(String resource, String action, String environment);

    List<Change> staged();

    int discard(Collection<Long> changeIds);

    int discardAll();

    /** Turns the staged bucket into a stored plan (only planned: nothing runs). */
    Plan process(Set<String> tags, String environment);

    /** As {@link #process(Set, String)}, with tasks only on the hosts {@code limit} keeps ({@code --limit}). */
    default Plan process(Set<String> tags, String environment, dev.orrery.graph.HostPattern limit) {
        if (!limit.isAll()) {
            throw new UnsupportedOperationException("this backend cannot limit plans to hosts");
        }
        return process(tags, environment);
    }

    /** Stages and processes the way back to a release. */
    Plan rollback(long releaseId, String environment);

    /**
     * Drives the plan on its hosts until nothing more can run, feeding {@code listener}; blocks until then.
     *
     * @return the run's result (SUCCESS, ERROR or SKIPPED)
     */
    TaskState run(String planUid, RunListener listener);

    /**
     * Follows a plan through the store (a run from another process or this one) until closed.
     */
    AutoCloseable follow(String planUid, RunListener listener);

    /**
     * Control verbs on the whole plan, through the store, so they reach a runner in any process.
     *
     * @return true when no process drives the plan and tasks are ready: the caller should {@link #run} it
     */
    boolean control(ControlVerb verb, String planUid);

    /**
     * Control verbs on one task: retry (with its blocked descendants), skip, noop, resume.
     *
     * @return true when no process drives the plan and tasks are ready: the caller should {@link #run} it
     */
    boolean controlTask(ControlVerb verb, String planUid, String taskId);

    /**
     * {@code orch retry PLAN --replan}: the plan's unfinished part staged and planned again from the current
     * files as a new stored plan (what succeeded is kept); nothing runs yet.
     */
    Plan retryWithCurrentFiles(String planUid);

    /**
     * One line per unfinished task of the plan whose definition in the files changed since the plan was made
     * ({@code app.run@app-1: actions.run changed ...}); empty when none did.
     */
    List<String> drift(String planUid);

    Optional<Plan> plan(String uid);

    /**
     * Why the plan may not run: another plan changed resources it would change after it was made. {@code scope}
     * WHOLE_PLAN is what a restart would run, UNFINISHED what run, resume and retry would.
     */
    Optional<StalePlan> staleness(String planUid, StalePlans.Scope scope);

    /** The newest plan's uid, if any ({@code last}). */
    Optional<String> lastPlanUid();

    Map<String, TaskStatus> statuses(String planUid);

    List<OutputChunk> output(String planUid, String taskId);

    /** Changes processed into a plan: the diffs that staged its tasks. */
    List<Change> changesOf(String planUid);

    List<RunSummary> runs(int limit);

    List<Release> releases(String environment);

    /** Task ids on the plan's longest path, weighted by each task's duration in {@code durations} (ms). */
    List<String> criticalPath(Plan plan, Map<String, Long> durations);

    @Override
    void close();

    /** The verbs of {@code orch stop|resume|restart|retry|noop|skip}. */
    enum ControlVerb { STOP, RESUME, RESTART, RETRY, NOOP, SKIP }
}
