package dev.orrery.model;

import java.time.Instant;

/**
 * A deployment that completed with every task SUCCESS or NOOP (seed 003).
 *
 * @param workspaceFingerprint git commit of the workspace if it is a repository, else a hash of its files
 */
public record Release(long id, Instant at, String environment, String planUid, String workspaceFingerprint,
                      String summary) {
}
