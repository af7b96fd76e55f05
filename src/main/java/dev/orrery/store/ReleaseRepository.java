package dev.orrery.store;

import dev.orrery.model.Release;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Releases (seed 003). Recording one also keeps a copy of the environment's committed state. */
public interface ReleaseRepository {
    Release record(String environment, String planUid, String workspaceFingerprint, String summary, Instant at);

    /** Newest first; {@code environment == null} lists every environment. */
    List<Release> list(String environment);

    Optional<Release> find(long id);
}
