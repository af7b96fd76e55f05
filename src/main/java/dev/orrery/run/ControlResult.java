package dev.orrery.run;

import dev.orrery.model.LockHolder;

import java.util.List;
import java.util.Optional;

/**
 * What a control verb did.
 *
 * @param moved        ids of the tasks whose state changed, in plan order
 * @param runner       the live process driving the plan, if any: it picks the new states up by itself
 * @param runnerNeeded true when no process drives the plan and tasks are ready to run: the caller
 *                     (CLI {@code orch resume/restart/retry}, the GUI) should start a {@link Runner}
 */
public record ControlResult(String planUid, List<String> moved, Optional<LockHolder> runner, boolean runnerNeeded) {
    public ControlResult {
        moved = List.copyOf(moved);
    }
}
