package dev.orrery.gui.graph;

import dev.orrery.model.TaskState;

import java.util.HashMap;
import java.util.Map;

/**
 * Collects task state updates from any thread and hands them over in one batch: the view drains it once per frame,
 * so 1,000 updates a second cost one pass per frame and a task that changed three times in a frame is applied once
 * (its last state). Thread-safe: a lock around a map swap, O(1) per offer.
 */
public final class StateBuffer {
    private final Object lock = new Object();
    private Map<String, TaskState> pending = new HashMap<>();

    /** Records the latest state of a task. */
    public void offer(String taskId, TaskState state) {
        synchronized (lock) {
            pending.put(taskId, state);
        }
    }

    public void offerAll(Map<String, TaskState> states) {
        synchronized (lock) {
            pending.putAll(states);
        }
    }

    /** Everything offered since the last drain (last state per task), or an empty map. */
    public Map<String, TaskState> drain() {
        synchronized (lock) {
            if (pending.isEmpty()) {
                return Map.of();
            }
            Map<String, TaskState> out = pending;
            pending = new HashMap<>();
            return out;
        }
    }
}
