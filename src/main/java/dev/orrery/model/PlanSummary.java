package dev.orrery.model;

import java.time.Instant;
import java.util.Map;

/** One plan in a list: when, for which environment, and how many tasks are in each state. */
public record PlanSummary(String uid, Instant created, String environment, int taskCount,
                          Map<TaskState, Integer> counts) {
}
