package dev.orrery.run;

import dev.orrery.model.OutputChunk;
import dev.orrery.model.Transition;

/**
 * Follows a run: every transition and output line, delivered on the listener's own executor (never the
 * caller's or the runner's worker threads), in order per task.
 */
public interface RunListener {
    void onTransition(Transition transition);

    default void onOutput(OutputChunk chunk) {
    }

    /** The runner stopped driving the plan: nothing more can run now. */
    default void onRunFinished(String planUid, dev.orrery.model.TaskState result) {
    }
}
