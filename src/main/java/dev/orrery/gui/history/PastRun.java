package dev.orrery.gui.history;

import dev.orrery.model.Plan;
import dev.orrery.model.RunSummary;
import dev.orrery.model.TaskStatus;

import java.util.Map;

/** A run opened from history: its plan, the task states it left, and its timeline. */
public record PastRun(RunSummary run, Plan plan, Map<String, TaskStatus> statuses, GanttModel timeline) {
    public PastRun {
        statuses = Map.copyOf(statuses);
    }
}
