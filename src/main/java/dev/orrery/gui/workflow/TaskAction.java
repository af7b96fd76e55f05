package dev.orrery.gui.workflow;

import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;

/**
 * The entries of a task node's context menu. Entries that do not apply to the task's state are shown
 * disabled, never hidden, so the menu always reads the same.
 */
public enum TaskAction {
    /** This task and its blocked descendants back to PENDING, then run. */
    RETRY("Retry"),
    /** The plan's unfinished part staged and planned again from the current files, then run (retry --replan). */
    RETRY_WITH_CURRENT_FILES("Retry with current files"),
    /** SKIPPED back to PENDING, then run. */
    RESUME("Resume"),
    /** PENDING (or failed) to SKIPPED: taken out of the run. */
    SKIP("Skip"),
    /** Mark done by hand (NOOP): counts as success for its children. */
    MARK_DONE("Mark done (NOOP)"),
    SHOW_OUTPUT("Show output"),
    COPY_COMMAND("Copy command");

    private final String label;

    TaskAction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the entry applies to a task in this state ({@code status} null: not yet stored). */
    public boolean appliesTo(TaskStatus status) {
        if (this == COPY_COMMAND) {
            return true;
        }
        if (status == null) {
            return false;
        }
        TaskState s = status.state();
        return switch (this) {
            case RETRY -> s == TaskState.ERROR || s == TaskState.ERROR_RETRY;
            case RETRY_WITH_CURRENT_FILES -> s == TaskState.ERROR || s == TaskState.SKIPPED || s == TaskState.PENDING;
            case RESUME -> s == TaskState.SKIPPED;
            case SKIP -> s == TaskState.PENDING || s == TaskState.ERROR || s == TaskState.ERROR_RETRY;
            case MARK_DONE -> s != TaskState.RUNNING && !s.letsChildrenStart();
            case SHOW_OUTPUT -> status.attempt() > 0 || status.started() != null;
            case COPY_COMMAND -> true;
        };
    }
}
