package dev.orrery.run;

import dev.orrery.model.Task;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts running tasks against the limits of {@link RunOptions}: global, per host and per type.
 * Used by the scheduler thread only (not thread-safe).
 */
final class Slots {
    private final RunOptions options;
    private final Map<String, Integer> perHost = new HashMap<>();
    private final Map<String, Integer> perType = new HashMap<>();
    private int running;

    Slots(RunOptions options) {
        this.options = options;
    }

    /** True when the global limit is reached: nothing else can start. */
    boolean full() {
        return running >= options.parallel();
    }

    boolean fits(Task task) {
        if (full() || perHost.getOrDefault(task.host(), 0) >= options.perHost()) {
            return false;
        }
        for (String key : RunOptions.typeKeysOf(task)) {
            Integer limit = options.perType().get(key);
            if (limit != null && perType.getOrDefault(key, 0) >= limit) {
                return false;
            }
        }
        return true;
    }

    void take(Task task) {
        running++;
        perHost.merge(task.host(), 1, Integer::sum);
        for (String key : RunOptions.typeKeysOf(task)) {
            perType.merge(key, 1, Integer::sum);
        }
    }

    void release(Task task) {
        running--;
        perHost.merge(task.host(), -1, Integer::sum);
        for (String key : RunOptions.typeKeysOf(task)) {
            perType.merge(key, -1, Integer::sum);
        }
    }

    int running() {
        return running;
    }
}
