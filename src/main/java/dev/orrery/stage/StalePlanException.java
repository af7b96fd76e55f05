package dev.orrery.stage;

/** Thrown instead of running, resuming, restarting or retrying a stale plan; nothing was changed. */
public final class StalePlanException extends RuntimeException {
    private final transient StalePlan stale;

    public StalePlanException(StalePlan stale) {
        super(stale.message());
        this.stale = stale;
    }

    public StalePlan stale() {
        return stale;
    }
}
