package dev.orrery.model;

import java.time.Instant;

/** Which process runs a plan right now. */
public record LockHolder(String planUid, long pid, String hostname, Instant since) {
}
