package dev.orrery.store;

import dev.orrery.model.Release;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Releases. Recording one also keeps a copy of the environment's committed state. */
public interface ReleaseRepository {
    /** @param deployedFingerprint what the plan deployed (stored in the {@code workspace_fingerprint} column) */
    Release record(String environment, String planUid, String deployedFingerprint, String summary, Instant at);

    /** Newest first; {@code environment == null} lists every environment. */
    List<Release> list(String environment);

    Optional<Release> find(long id);
}
