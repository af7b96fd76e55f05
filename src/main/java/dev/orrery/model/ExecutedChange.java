package dev.orrery.model;

import java.time.Instant;

/** A change whose tasks all finished SUCCESS or NOOP in a plan: the history of {@code changes history}. */
public record ExecutedChange(Change change, String planUid, Instant executedAt) {
}
