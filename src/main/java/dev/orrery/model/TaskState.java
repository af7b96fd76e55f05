package dev.orrery.model;

/** The life of a task. Colours and transitions are the README's state table. */
public enum TaskState {
    PENDING, RUNNING, SUCCESS, ERROR, ERROR_RETRY, SKIPPED, NOOP;

    /** SUCCESS and NOOP let children start. */
    public boolean letsChildrenStart() {
        return this == SUCCESS || this == NOOP;
    }

    /** States a run can end in: nothing more happens to the task without a control verb. */
    public boolean isSettled() {
        return this == SUCCESS || this == NOOP || this == ERROR || this == SKIPPED;
    }
}
