package dev.orrery.gui.workspace;

import dev.orrery.Orrery;
import dev.orrery.graph.TaskGraph;
import dev.orrery.load.LoadResult;
import dev.orrery.model.Change;
import dev.orrery.model.OutputChunk;
import dev.orrery.model.Plan;
import dev.orrery.model.PlanSummary;
import dev.orrery.model.Release;
import dev.orrery.model.RunSummary;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;
import dev.orrery.run.ControlResult;
import dev.orrery.run.RunListener;
import dev.orrery.run.RunOptions;
import dev.orrery.stage.StageRequest;
import dev.orrery.stage.StalePlan;
import dev.orrery.stage.StalePlans;
import dev.orrery.transport.HostKeyPolicy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link OrreryBackend} over the core: the facade {@link Orrery} for loading, staging, processing, running,
 * control verbs, following, history reads and rollback (one store connection, the facade's);
 * {@link TaskGraph} for the critical path. Thread-safe (the facade is).
 */
public final class CoreBackend implements OrreryBackend {
    private final Orrery orrery;

    private CoreBackend(Orrery orrery) {
        this.orrery = orrery;
    }

    /** Opens the workspace folder; unknown SSH host keys are decided by {@code hostKeys}. */
    public static CoreBackend open(Path root, HostKeyPolicy hostKeys) {
        Orrery orrery = Orrery.open(root).hostKeyPolicy(hostKeys);
        return new CoreBackend(orrery);
    }

    @Override
    public Path root() {
        return orrery.root();
    }

    @Override
    public LoadResult load() {
        return orrery.reload().validate();
    }

    @Override
    public List<Change> preview(StageSelection selection) {
        List<Change> all = new ArrayList<>();
        requests(selection).forEach(r -> all.addAll(orrery.preview(r)));
        return all;
    }

    @Override
    public List<Change> stage(StageSelection selection) {
        List<Change> all = new ArrayList<>();
        requests(selection).forEach(r -> all.addAll(orrery.stage(r)));
        return all;
    }

    /** One request for everything, or one per chosen resource (a request names at most one resource). */
    private static List<StageRequest> requests(StageSelection s) {
        StageRequest base = StageRequest.all().withTags(s.tags()).withEnvironment(s.environment())
                .withIgnoreCache(s.ignoreCache());
        if (s.resources().isEmpty()) {
            return List.of(base);
        }
        return s.resources().stream().sorted().map(r -> base.withResource(r, null)).toList();
    }

    @Override
    public Change stageAction(String resource, String action, String environment) {
        List<Change> staged = orrery.stage(StageRequest.all().withEnvironment(environment).withResource(resource, action));
        return staged.stream().filter(c -> c.resource().equals(resource)).findFirst()
                .orElseThrow(() -> new IllegalStateException("nothing was staged for " + action + " of " + resource));
    }

    @Override
    public List<Change> staged() {
        return orrery.staged();
    }

    @Override
    public int discard(Collection<Long> changeIds) {
        return orrery.discard(changeIds);
    }

    @Override
    public int discardAll() {
        return orrery.discardAll();
    }

    @Override
    public Plan process(Set<String> tags, String environment) {
        return orrery.process(tags, environment);
    }

    @Override
    public Plan process(Set<String> tags, String environment, dev.orrery.graph.HostPattern limit) {
        return orrery.process(tags, environment, limit);
    }

    @Override
    public Plan rollback(long releaseId, String environment) {
        return orrery.rollback(releaseId, environment);
    }

    @Override
    public Optional<StalePlan> staleness(String planUid, StalePlans.Scope scope) {
        return orrery.staleness(planUid, scope);
    }

    @Override
    public TaskState run(String planUid, RunListener listener) {
        return orrery.run(planUid, RunOptions.defaults(), listener).result();
    }

    @Override
    public AutoCloseable follow(String planUid, RunListener listener) {
        return orrery.subscribe(planUid, listener);
    }

    @Override
    public boolean control(ControlVerb verb, String planUid) {
        ControlResult result = switch (verb) {
            case STOP -> orrery.stop(planUid);
            case RESUME -> orrery.resume(planUid);
            case RESTART -> orrery.restart(planUid);
            case RETRY -> orrery.retry(planUid);
            case NOOP, SKIP -> throw new IllegalArgumentException(verb + " needs a task");
        };
        return result.runnerNeeded();
    }

    @Override
    public boolean controlTask(ControlVerb verb, String planUid, String taskId) {
        ControlResult result = switch (verb) {
            case RETRY -> orrery.retryTask(planUid, taskId);
            case NOOP -> orrery.noop(planUid, taskId);
            case SKIP -> orrery.skip(planUid, taskId);
            case RESUME -> resumeTask(planUid, taskId);
            case STOP, RESTART -> throw new IllegalArgumentException(verb + " acts on the whole plan");
        };
        return result.runnerNeeded();
    }

    /** Resume one skipped task: the plan's resume would resume every skipped task, so retry just this one. */
    private ControlResult resumeTask(String planUid, String taskId) {
        return orrery.retryTask(planUid, taskId);
    }

    @Override
    public Plan retryWithCurrentFiles(String planUid) {
        return orrery.retryWithCurrentFiles(planUid).successor();
    }

    @Override
    public List<String> drift(String planUid) {
        return orrery.drift(planUid).stream().map(dev.orrery.stage.PlanDrift.Drift::line).toList();
    }

    @Override
    public Optional<Plan> plan(String uid) {
        return orrery.findPlan(uid);
    }

    @Override
    public Optional<String> lastPlanUid() {
        return orrery.plans(1).stream().findFirst().map(PlanSummary::uid);
    }

    @Override
    public Map<String, TaskStatus> statuses(String planUid) {
        return orrery.statuses(planUid);
    }

    @Override
    public List<OutputChunk> output(String planUid, String taskId) {
        return orrery.output(planUid, taskId);
    }

    @Override
    public List<Change> changesOf(String planUid) {
        return orrery.changesOf(planUid);
    }

    @Override
    public List<RunSummary> runs(int limit) {
        return orrery.runs(limit);
    }

    @Override
    public List<Release> releases(String environment) {
        return orrery.releases(environment);
    }

    @Override
    public List<String> criticalPath(Plan plan, Map<String, Long> durations) {
        Map<String, Duration> weights = new HashMap<>();
        durations.forEach((id, ms) -> weights.put(id, Duration.ofMillis(ms)));
        return TaskGraph.of(plan).criticalPath(weights).tasks();
    }

    @Override
    public void close() {
        orrery.close();
    }
}
