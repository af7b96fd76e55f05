package dev.orrery.gui.workflow;

import dev.orrery.graph.TaskGraph;
import dev.orrery.model.Plan;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A plan's progress computed from its task states: counts per state, the bar's segments, the fraction settled,
 * the blocked tasks (as {@link TaskGraph#blockage} defines them), and the elapsed time. Immutable; O(tasks + edges) to build.
 */
public record RunProgress(int total, Map<TaskState, Integer> counts, Set<String> blocked, Instant firstStart,
                          Instant lastFinish, boolean active) {

    public static final RunProgress NONE = new RunProgress(0, Map.of(), Set.of(), null, null, false);

    public RunProgress {
        counts = Collections.unmodifiableMap(new EnumMap<>(counts.isEmpty() ? new EnumMap<>(TaskState.class) : counts));
        blocked = Set.copyOf(blocked);
    }

    public static RunProgress of(Plan plan, Map<String, TaskStatus> statuses) {
        return of(TaskGraph.of(Objects.requireNonNull(plan)), statuses);
    }

    /** As {@link #of(Plan, Map)} with the plan's graph already built (a view keeps it while the plan is shown). */
    public static RunProgress of(TaskGraph graph, Map<String, TaskStatus> statuses) {
        Plan plan = graph.plan();
        EnumMap<TaskState, Integer> counts = new EnumMap<>(TaskState.class);
        Map<String, TaskState> states = new HashMap<>();
        Instant first = null;
        Instant last = null;
        boolean active = false;
        for (var task : plan.tasks()) {
            TaskStatus st = statuses.get(task.id());
            TaskState state = st == null ? TaskState.PENDING : st.state();
            states.put(task.id(), state);
            counts.merge(state, 1, Integer::sum);
            active |= state == TaskState.RUNNING || state == TaskState.ERROR_RETRY;
            if (st != null && st.started() != null && (first == null || st.started().isBefore(first))) {
                first = st.started();
            }
            if (st != null && st.finished() != null && (last == null || st.finished().isAfter(last))) {
                last = st.finished();
            }
        }
        return new RunProgress(plan.tasks().size(), counts, graph.blocked(states), first, last, active);
    }

    /** One part of the progress bar: a kind of task and how many tasks are in it. */
    public enum Segment {
        /** SUCCESS and NOOP: the only green. */
        DONE,
        /** RUNNING and waiting to retry. */
        RUNNING,
        ERROR,
        SKIPPED,
        /** PENDING tasks that cannot start ({@link TaskGraph#blockage}). */
        BLOCKED,
        PENDING
    }

    /** Tasks per bar segment, in drawing order; their sum is {@link #total()}. */
    public Map<Segment, Integer> segments() {
        Map<Segment, Integer> out = new EnumMap<>(Segment.class);
        out.put(Segment.DONE, count(TaskState.SUCCESS) + count(TaskState.NOOP));
        out.put(Segment.RUNNING, count(TaskState.RUNNING) + count(TaskState.ERROR_RETRY));
        out.put(Segment.ERROR, count(TaskState.ERROR));
        out.put(Segment.SKIPPED, count(TaskState.SKIPPED));
        out.put(Segment.BLOCKED, blocked.size());
        out.put(Segment.PENDING, count(TaskState.PENDING) - blocked.size());
        return out;
    }

    /** True when there are tasks and every one is SUCCESS or NOOP: the only time the bar is all green. */
    public boolean complete() {
        return total > 0 && count(TaskState.SUCCESS) + count(TaskState.NOOP) == total;
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
