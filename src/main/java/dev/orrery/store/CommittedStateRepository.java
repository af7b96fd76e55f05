package dev.orrery.store;

import dev.orrery.model.ResourceSnapshot;

import java.util.Map;

/**
 * What was last deployed, per environment ({@code ""} is the default environment). Written only when the
 * tasks that change a resource succeed.
 */
public interface CommittedStateRepository {
    Map<String, ResourceSnapshot> all(String environment);

    void put(String environment, ResourceSnapshot snapshot);

    void remove(String environment, String resource);

    /** The committed state as it was when a release was recorded. */
    Map<String, ResourceSnapshot> atRelease(long releaseId);
}
