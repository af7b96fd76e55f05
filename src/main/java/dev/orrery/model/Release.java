package dev.orrery.model;

import java.time.Instant;

/**
 * A deployment that completed with every task SUCCESS or NOOP: a plan that changed deployed state.
 *
 * @param deployedFingerprint {@code sha256:} of what the plan deployed (its desired snapshots and removals)
 */
public record Release(long id, Instant at, String environment, String planUid, String deployedFingerprint,
                      String summary) {
}
