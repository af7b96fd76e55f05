package dev.orrery.gui.history;

import dev.orrery.model.Plan;
import dev.orrery.model.Task;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run's timeline: one row per host (in plan order), one bar per task that started, times in milliseconds
 * from the first start; bars on the critical path are flagged. Immutable; O(tasks) to build.
 */
public record GanttModel(List<String> hosts, List<Bar> bars, long totalMillis, List<String> criticalPath) {

    public static final GanttModel EMPTY = new GanttModel(List.of(), List.of(), 0, List.of());

    /** One task's bar on its host's row. */
    public record Bar(String taskId, String host, int row, long startMillis, long durationMillis, TaskState state,
                      boolean critical) {
        public long endMillis() {
            return startMillis + durationMillis;
        }
    }

    public GanttModel {
        hosts = List.copyOf(hosts);
        bars = List.copyOf(bars);
        criticalPath = List.copyOf(criticalPath);
    }

    /**
     * @param now          the end of bars still running
     * @param criticalPath task ids on the longest path by duration (from graph.TaskGraph through the backend)
     */
    public static GanttModel of(Plan plan, Map<String, TaskStatus> statuses, List<String> criticalPath, Instant now) {
        Instant origin = statuses.values().stream().map(TaskStatus::started).filter(java.util.Objects::nonNull)
                .min(Instant::compareTo).orElse(null);
        if (origin == null) {
            return EMPTY;
        }
        LinkedHashSet<String> hostOrder = new LinkedHashSet<>();
        plan.tasks().forEach(t -> hostOrder.add(t.host()));
        List<String> hosts = List.copyOf(hostOrder);
        Set<String> critical = new HashSet<>(criticalPath);
        List<Bar> bars = new ArrayList<>();
        long total = 0;
        for (Task t : plan.tasks()) {
            TaskStatus st = statuses.get(t.id());
            if (st == null || st.started() == null) {
                continue;
            }
            Instant end = st.finished() != null && !st.finished().isBefore(st.started()) ? st.finished() : now;
            long start = Duration.between(origin, st.started()).toMillis();
            long duration = Math.max(0, Duration.between(st.started(), end).toMillis());
            bars.add(new Bar(t.id(), t.host(), hosts.indexOf(t.host()), start, duration, st.state(),
                    critical.contains(t.id())));
            total = Math.max(total, start + duration);
        }
        return new GanttModel(hosts, bars, total, criticalPath);
    }

    /** Each task's duration in ms (what the critical path is weighted by); tasks that never started weigh 0. */
    public static Map<String, Long> durations(Map<String, TaskStatus> statuses, Instant now) {
        Map<String, Long> durations = new java.util.HashMap<>();
        statuses.forEach((id, st) -> {
            if (st.started() != null) {
                Instant end = st.finished() != null ? st.finished() : now;
                durations.put(id, Math.max(0, Duration.between(st.started(), end).toMillis()));
            }
        });
        return durations;
    }
}
