package dev.orrery.gui.workflow;

import dev.orrery.model.Dependency;
import dev.orrery.model.Plan;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A plan's progress computed from its task states: counts per state, the fraction settled, the blocked tasks
 * (PENDING behind an ERROR), and the elapsed time. Immutable; O(tasks + edges) to build.
 */
public record RunProgress(int total, Map<TaskState, Integer> counts, Set<String> blocked, Instant firstStart,
                          Instant lastFinish, boolean active) {

    public static final RunProgress NONE = new RunProgress(0, Map.of(), Set.of(), null, null, false);

    public RunProgress {
        counts = Collections.unmodifiableMap(new EnumMap<>(counts.isEmpty() ? new EnumMap<>(TaskState.class) : counts));
        blocked = Set.copyOf(blocked);
    }

    public static RunProgress of(Plan plan, Map<String, TaskStatus> statuses) {
        Objects.requireNonNull(plan);
        EnumMap<TaskState, Integer> counts = new EnumMap<>(TaskState.class);
        Instant first = null;
        Instant last = null;
        boolean active = false;
        for (var task : plan.tasks()) {
            TaskStatus st = statuses.get(task.id());
            TaskState state = st == null ? TaskState.PENDING : st.state();
            counts.merge(state, 1, Integer::sum);
            active |= state == TaskState.RUNNING || state == TaskState.ERROR_RETRY;
            if (st != null && st.started() != null && (first == null || st.started().isBefore(first))) {
                first = st.started();
            }
            if (st != null && st.finished() != null && (last == null || st.finished().isAfter(last))) {
                last = st.finished();
            }
        }
        return new RunProgress(plan.tasks().size(), counts, blocked(plan, statuses), first, last, active);
    }

    /** PENDING tasks that have an ERROR task among their ancestors: they cannot start until it is retried. */
    public static Set<String> blocked(Plan plan, Map<String, TaskStatus> statuses) {
        Map<String, List<String>> children = new HashMap<>();
        for (Dependency d : plan.edges()) {
            children.computeIfAbsent(d.parent(), k -> new java.util.ArrayList<>()).add(d.child());
        }
        Set<String> blocked = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        statuses.values().stream().filter(s -> s.state() == TaskState.ERROR).map(TaskStatus::taskId).forEach(todo::add);
        while (!todo.isEmpty()) {
            for (String child : children.getOrDefault(todo.pop(), List.of())) {
                TaskStatus st = statuses.get(child);
                if ((st == null || st.state() == TaskState.PENDING) && blocked.add(child)) {
                    todo.push(child);
                }
            }
        }
        return blocked;
    }

    public int count(TaskState state) {
        return counts.getOrDefault(state, 0);
    }

    /** Settled tasks (SUCCESS, NOOP, ERROR, SKIPPED) over all tasks, 0..1. */
    public double fraction() {
        if (total == 0) {
            return 0;
        }
        int settled = count(TaskState.SUCCESS) + count(TaskState.NOOP) + count(TaskState.ERROR) + count(TaskState.SKIPPED);
        return settled / (double) total;
    }

    /** From the first start to the last finish, or to {@code now} while tasks are active. */
    public Duration elapsed(Instant now) {
        if (firstStart == null) {
            return Duration.ZERO;
        }
        Instant end = active || lastFinish == null ? now : lastFinish;
        return end.isBefore(firstStart) ? Duration.ZERO : Duration.between(firstStart, end);
    }

    /** {@code 12 tasks · 7 success · 1 running · 1 error (2 blocked) · 3 pending}. */
    public String summary() {
        StringBuilder sb = new StringBuilder().append(total).append(total == 1 ? " task" : " tasks");
        for (TaskState s : TaskState.values()) {
            int n = count(s);
            if (n > 0) {
                sb.append(" · ").append(n).append(' ').append(s.name().toLowerCase().replace('_', ' '));
                if (s == TaskState.PENDING && !blocked.isEmpty()) {
                    sb.append(" (").append(blocked.size()).append(" blocked)");
                }
            }
        }
        return sb.toString();
    }
}
