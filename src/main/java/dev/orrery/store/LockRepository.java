package dev.orrery.store;

import dev.orrery.model.LockHolder;

import java.time.Instant;
import java.util.Optional;

/**
 * One runner per plan. A lock whose process is gone (same hostname, pid not alive) counts as free:
 * {@link #tryLock} takes it over and reports the dead holder so the caller can mark its RUNNING tasks
 * ERROR ("interrupted").
 */
public interface LockRepository {
    /** Takes the plan's lock for this process. */
    LockResult tryLock(String planUid, long pid, String hostname, Instant at);

    void unlock(String planUid, long pid);

    /** The live holder, if any (a dead holder is reported as empty). */
    Optional<LockHolder> holder(String planUid);

    /**
     * @param acquired  true when this process now holds the lock
     * @param current   who holds it now (this process when acquired)
     * @param staleHolder a dead process whose lock was taken over, if there was one
     */
    record LockResult(boolean acquired, LockHolder current, Optional<LockHolder> staleHolder) {
    }
}
