package dev.orrery.stage;

import dev.orrery.model.Change;
import dev.orrery.model.FieldDiff;
import dev.orrery.model.Plan;
import dev.orrery.model.Resource;
import dev.orrery.model.ResourceSnapshot;
import dev.orrery.model.Task;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;
import dev.orrery.model.Workspace;
import dev.orrery.store.Store;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which unfinished tasks of a stored plan the workspace files now define differently. A stored plan keeps the
 * steps it was made with ({@code retry} runs them again); this tells the operator that a fix in the files is not
 * in the plan, and which field changed, so {@code retry --replan} is the obvious next step. Read-only.
 */
public final class PlanDrift {
    /** What {@code retry} and {@code resume} print after each line. */
    public static final String HINT = "changed in the workspace since this plan was made (retry --replan uses the current files)";

    /**
     * @param taskId an unfinished task of the plan
     * @param fields what changed, collapsed to {@code actions.run}, {@code inputs.port}, {@code env.X}, ...; or
     *               the single entry {@code "definition"} when the task is gone from what the files would plan
     */
    public record Drift(String taskId, List<String> fields) {
        public Drift {
            fields = List.copyOf(fields);
        }

        /** {@code app.run@app-1: actions.run changed in the workspace since this plan was made (...)}. */
        public String line() {
            return taskId + ": " + String.join(", ", fields) + " " + HINT;
        }
    }

    private PlanDrift() {
    }

    /** Unfinished: the states {@code retry --replan} plans again. */
    public static boolean unfinished(TaskState state) {
        return state == TaskState.PENDING || state == TaskState.ERROR || state == TaskState.SKIPPED
                || state == TaskState.ERROR_RETRY;
    }

    /** The drifted unfinished tasks of {@code plan}, in plan order. */
    public static List<Drift> of(Workspace files, Store store, Plan plan) {
        Map<String, TaskStatus> statuses = store.tasks().statuses(plan.uid());
        List<Task> unfinished = plan.tasks().stream().filter(t -> unfinished(stateOf(statuses, t))).toList();
        if (unfinished.isEmpty()) {
            return List.of();
        }
        Workspace workspace = RepositoryCommits.pinned(files);
        Set<String> resources = new LinkedHashSet<>();
        unfinished.forEach(t -> resources.add(t.resource()));
        Set<String> committed = store.committed().all(plan.environment()).keySet();
        List<Change> changes = store.changes().ofPlan(plan.uid()).stream()
                .filter(c -> resources.contains(c.resource()))
                .filter(c -> c.kind() == dev.orrery.model.ResourceKind.JOB || workspace.resource(c.resource()).isPresent()
                        || committed.contains(c.resource()))
                .toList();
        Map<String, Task> now;
        try {
            now = Processor.preview(workspace, store, changes, plan.environment()).tasksById();
        } catch (RuntimeException e) {
            now = Map.of(); // the files cannot make these tasks any more (a cycle, a missing action): all drifted
        }
        Map<String, ResourceSnapshot> desired = store.plans().desiredAll(plan.uid());
        List<Drift> out = new ArrayList<>();
        for (Task task : unfinished) {
            Task current = now.get(task.id());
            if (current != null && sameDefinition(task, current)) {
                continue;
            }
            out.add(new Drift(task.id(), fields(task, current, desired.get(task.resource()),
                    workspace.resource(task.resource()).orElse(null))));
        }
        return out;
    }

    /** Same steps, environment, working folder, retries and timeout: the task would run exactly as stored. */
    public static boolean sameDefinition(Task a, Task b) {
        return a.steps().equals(b.steps()) && a.env().equals(b.env()) && Objects.equals(a.workdir(), b.workdir())
                && a.retries() == b.retries() && Objects.equals(a.timeout(), b.timeout());
    }

    private static List<String> fields(Task task, Task current, ResourceSnapshot planned, Resource resource) {
        if (resource == null) {
            return List.of("the resource (removed from the files)");
        }
        if (current == null) {
            return List.of("the definition");
        }
        Set<String> fields = new LinkedHashSet<>();
        if (planned != null) {
            for (FieldDiff d : Diffs.between(planned, Snapshots.of(resource))) {
                String field = collapsed(d.field());
                if (!field.startsWith("actions.") || field.equals("actions." + task.action())
                        || (field.equals("actions." + dev.orrery.model.Action.RUN)
                        && task.action().equals(dev.orrery.model.Action.UPDATE))) {
                    fields.add(field);
                }
            }
        }
        if (!task.steps().equals(current.steps()) && fields.stream().noneMatch(f -> f.startsWith("actions."))) {
            fields.add("actions." + task.action());
        }
        if (fields.isEmpty()) {
            fields.add("actions." + task.action());
        }
        return new ArrayList<>(fields);
    }

    /** {@code actions.run.3} → {@code actions.run}; other fields stay as they are. */
    private static String collapsed(String field) {
        if (field.startsWith("actions.")) {
            int second = field.indexOf('.', "actions.".length());
            return second < 0 ? field : field.substring(0, second);
        }
        return field;
    }

    private static TaskState stateOf(Map<String, TaskStatus> statuses, Task task) {
        TaskStatus status = statuses.get(task.id());
        return status == null ? TaskState.PENDING : status.state();
    }
}
