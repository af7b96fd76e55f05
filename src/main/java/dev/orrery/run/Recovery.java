package dev.orrery.run;

import dev.orrery.model.TaskState;
import dev.orrery.store.LockRepository.LockResult;
import dev.orrery.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;

/**
 * Closes what a dead runner left behind: its RUNNING tasks become ERROR "interrupted (runner pid N on H
 * died)", the retries it would have made become PENDING, and its run row is closed with that outcome. The
 * one home of crash recovery: a runner does it when it takes a plan's lock, an observer (a report) when it
 * finds a plan left open by nobody.
 */
public final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private Recovery() {
    }

    /**
     * For a process that just took the plan's lock ({@code lock}): nobody else can be driving the plan.
     *
     * @return the ids of the tasks that became ERROR
     */
    static List<String> afterTakeover(Store store, String uid, LockResult lock) {
        String reason = lock.staleHolder()
                .map(h -> "interrupted (runner pid " + h.pid() + " on " + h.hostname() + " died)")
                .orElse("interrupted (no runner was driving the plan)");
        Instant now = Instant.now();
        List<String> interrupted = store.tasks().transitionAll(uid, null, List.of(TaskState.RUNNING), TaskState.ERROR,
                reason, now);
        store.tasks().transitionAll(uid, null, List.of(TaskState.ERROR_RETRY), TaskState.PENDING,
                "retry (runner restarted)", now);
        int runs = store.runs().closeUnfinished(uid, reason, now);
        if (!interrupted.isEmpty() || runs > 0) {
            LOG.warn("plan {}: {} task(s) and {} run(s) {}: {}", uid, interrupted.size(), runs, reason, interrupted);
        }
        return interrupted;
    }

    /**
     * For an observer: when the plan has work left open (tasks RUNNING or waiting for a retry, a run without
     * an end) and no live process holds its lock, takes the lock just long enough to close it. Reads only
     * (and takes no lock) when there is nothing to close or a live runner holds the plan.
     *
     * @return the ids of the tasks that became ERROR
     */
    public static List<String> recoverIfAbandoned(Store store, String uid) {
        boolean openTasks = store.tasks().statuses(uid).values().stream()
                .anyMatch(t -> t.state() == TaskState.RUNNING || t.state() == TaskState.ERROR_RETRY);
        if (!openTasks && !store.runs().hasUnfinished(uid) || store.locks().holder(uid).isPresent()) {
            return List.of();
        }
        long pid = ProcessIdentity.pid();
        Instant at = Instant.now();
        LockResult lock = store.locks().tryLock(uid, pid, ProcessIdentity.hostname(), at);
        if (!lock.acquired() || !lock.current().since().equals(at)) {
            return List.of(); // someone holds it, maybe a runner of this very process (the lock is per process)
        }
        try {
            return afterTakeover(store, uid, lock);
        } finally {
            store.locks().unlock(uid, pid);
        }
    }
}
