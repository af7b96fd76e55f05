package dev.orrery.store;

import java.time.Instant;

/** Orchestration jobs that succeeded, by target host and job fingerprint (Directord's client-side cache). */
public interface JobCacheRepository {
    boolean succeeded(String host, String fingerprint);

    void recordSuccess(String host, String fingerprint, String planUid, Instant at);
}
