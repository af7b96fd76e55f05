package dev.orrery.run;

import dev.orrery.model.LockHolder;

/** Another live process runs the plan: {@code plan X is being run by pid N on host H}. */
public class PlanLockedException extends IllegalStateException {
    private final transient LockHolder holder;

    public PlanLockedException(LockHolder holder) {
        super("plan " + holder.planUid() + " is being run by pid " + holder.pid() + " on host " + holder.hostname());
        this.holder = holder;
    }

    public LockHolder holder() {
        return holder;
    }
}
